package dev.recsys.benchmarks.scale;

import java.util.List;

/**
 * One run of the pipeline at one catalogue size, in one JVM.
 *
 * @param tracks catalogue size
 * @param listeners synthetic listeners ({@link ScalePipeline#listenersFor})
 * @param plays listening events generated
 * @param seconds wall time of all stages
 * @param maxHeapBytes the JVM's maximum heap ({@code -Xmx})
 * @param vmHwmBytes the process's peak resident set ({@code VmHWM}) at the end of the run, JVM start included
 * @param stages one result per stage, in pipeline order
 */
public record SizeResult(int tracks, int listeners, long plays, double seconds, long maxHeapBytes, long vmHwmBytes,
    List<StageResult> stages) {

  /**
   * The largest {@link StageResult#peakHeapAfterGcBytes} over the stages: the run's peak heap.
   *
   * @return the run's peak heap after GC, in bytes
   */
  public long peakHeapAfterGcBytes() {
    return stages.stream().mapToLong(StageResult::peakHeapAfterGcBytes).max().orElse(0);
  }

  /**
   * The stage of the given name.
   *
   * @param name the stage name
   * @return the stage
   * @throws IllegalArgumentException when there is none
   */
  public StageResult stage(String name) {
    return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'; stages: "
            + stages.stream().map(StageResult::stage).toList()));
  }
}
