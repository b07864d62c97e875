package dev.recsys.spark.embed;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.spark.io.TrackRows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's track rows turned into {@code (id, vector)} rows batch by batch: each batch of {@code batch} tracks
 * goes through one call of the transform (feature pipeline, embedder), so per-call overhead is paid once a batch.
 */
final class TrackBatches implements Iterator<Row> {
  private final Iterator<Row> in;
  private final Function<List<Track>, FeatureMatrix> transform;
  private final int batch;
  private final List<Row> out = new ArrayList<>();
  private int next;

  TrackBatches(Iterator<Row> in, Function<List<Track>, FeatureMatrix> transform, int batch) {
    this.in = in;
    this.transform = transform;
    this.batch = batch;
  }

  @Override
  public boolean hasNext() {
    if (next < out.size()) {
      return true;
    }
    out.clear();
    next = 0;
    List<Track> tracks = new ArrayList<>(batch);
    while (in.hasNext() && tracks.size() < batch) {
      tracks.add(TrackRows.toTrack(in.next()));
    }
    if (tracks.isEmpty()) {
      return false;
    }
    FeatureMatrix m = transform.apply(tracks);
    for (int i = 0; i < tracks.size(); i++) {
      out.add(RowFactory.create(tracks.get(i).id(), EmbedJob.boxed(m.row(i))));
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return out.get(next++);
  }
}
