package dev.recsys.cli;

import dev.recsys.core.spi.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A terminal progress bar on standard error for steps that take more than a second. Redraws in place on a
 * terminal; prints one line per update of at least 10% otherwise (logs, CI). Not thread-safe.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 28;
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;
  private int lastDecile = -1;
  private long done;
  private String detail = "";
  private boolean drawnComplete;

  ProgressBar(String label, long total) {
    this(System.err, label, total, System.console() != null);
  }

  ProgressBar(PrintStream out, String label, long total, boolean interactive) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.interactive = interactive;
  }

  /** Sets the progress to {@code done} of the total, with a short detail (e.g. "loss 0.123"). */
  void update(long done, String detail) {
    this.done = Math.min(done, total);
    this.detail = detail;
    long now = System.nanoTime();
    int decile = (int) (this.done * 10 / total);
    if (interactive ? now - lastDrawNanos > 100_000_000L || this.done == total : decile > lastDecile) {
      lastDrawNanos = now;
      lastDecile = decile;
      draw(false);
    }
  }

  /** Advances by one. */
  void step(String detail) {
    update(done + 1, detail);
  }

  private void draw(boolean last) {
    if (drawnComplete && !(interactive && last)) {
      return;
    }
    drawnComplete = done == total;
    int filled = (int) (WIDTH * done / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    double secs = (System.nanoTime() - startNanos) / 1e9;
    String line = String.format(Locale.ROOT, "%-26s [%s] %3d%% %6.1fs %s", label, bar, done * 100 / total, secs, detail);
    if (interactive) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** A training listener that moves this bar one step per epoch and shows the losses. */
  TrainingListener asTrainingListener() {
    return asTrainingListener("val");
  }

  /**
   * A training listener that moves this bar one step per epoch, shows the training loss and the validation value
   * under {@code validationLabel}, and prints the trainer's messages (e.g. early stopping) on their own line.
   */
  TrainingListener asTrainingListener(String validationLabel) {
    return new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {
        update(epoch, String.format(Locale.ROOT, "epoch %d/%d loss %.4f%s", epoch, totalEpochs, trainLoss,
            Double.isNaN(validationLoss) ? "" : String.format(Locale.ROOT, " %s %.4f", validationLabel, validationLoss)));
      }

      @Override
      public void message(String text) {
        out.println((interactive ? "\n" : "") + label + ": " + text);
        out.flush();
      }
    };
  }

  /** Finishes the bar at 100%. */
  @Override
  public void close() {
    done = total;
    draw(true);
  }
}
