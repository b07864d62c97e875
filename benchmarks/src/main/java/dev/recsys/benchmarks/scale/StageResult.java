package dev.recsys.benchmarks.scale;

import java.util.Map;

/**
 * What one stage of the pipeline cost at one catalogue size (see {@link StageMeter} for how each memory figure is
 * taken and what it over- or under-counts).
 *
 * @param stage the stage name ({@link ScalePipeline#STAGES})
 * @param seconds wall time of the stage's work (forced collections around it excluded)
 * @param peakHeapAfterGcBytes the largest heap after a collection during the stage or after the forced one at its end
 * @param peakUsedHeapBytes the largest sampled used heap, garbage included
 * @param liveAtEndBytes the live heap after the stage, its output still referenced
 * @param retainedBytes the live heap the stage added (live at end minus live at start)
 * @param peakRssBytes the largest sampled resident set of the process during the stage
 * @param outputBytes the size of the stage's output (see {@link ScalePipeline} per stage)
 * @param details stage-specific figures (dimension, edges, latencies...)
 */
public record StageResult(String stage, double seconds, long peakHeapAfterGcBytes, long peakUsedHeapBytes,
    long liveAtEndBytes, long retainedBytes, long peakRssBytes, long outputBytes, Map<String, Object> details) {}
