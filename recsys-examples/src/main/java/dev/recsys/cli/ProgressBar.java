package dev.recsys.cli;

import dev.recsys.core.spi.ProgressListener;
import dev.recsys.core.spi.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A progress bar on standard error for a step of a command, with the share done, the rate and the estimated time
 * left. Whether bars are shown is decided once per run by {@link Mode} ({@code --progress}): {@code auto} draws them
 * only when standard error is a terminal, redrawn in place with a carriage return (never ANSI escape codes), so
 * pipes and CI logs get none; {@code always} also draws them on a pipe, as one line per tenth; {@code never} hides
 * them. The launcher tells the JVM whether standard error is a terminal ({@code -Drecsys.stderr.terminal=true|false},
 * from {@code [ -t 2 ]}); without it the JVM's console decides. Messages from trainers (e.g. early stopping) are
 * printed in every mode. Safe to update from several threads.
 */
final class ProgressBar implements AutoCloseable {
  /** When progress bars are drawn. */
  enum Mode {
    /** Only when standard error is a terminal. */
    AUTO,
    /** Always: redrawn in place on a terminal, one line per tenth otherwise. */
    ALWAYS,
    /** Never. */
    NEVER;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The system property the launcher sets to say whether standard error is a terminal. */
  static final String TERMINAL_PROPERTY = "recsys.stderr.terminal";

  private static final int WIDTH = 24;
  private static volatile Mode mode = Mode.AUTO;
  /** Redraws the bars on a terminal every half second, so the elapsed time moves during a long unit of work. */
  private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "recsys-progress");
    t.setDaemon(true);
    return t;
  });

  /** A unit of work of a command, run under a one-step bar by {@link #step(String, Work)}. */
  @FunctionalInterface
  interface Work<T> {
    /** Does the work. */
    T run() throws Exception;
  }

  private final PrintStream out;
  private final String label;
  private final boolean visible;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private long total;
  private long lastDrawNanos;
  private int lastDecile = -1;
  private long done;
  private String detail = "";
  private int lastWidth;
  private boolean drawnComplete;
  private final ScheduledFuture<?> tick;

  ProgressBar(String label, long total) {
    this(System.err, label, total, mode, stderrIsTerminal());
  }

  ProgressBar(PrintStream out, String label, long total, Mode mode, boolean terminal) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.visible = mode == Mode.ALWAYS || (mode == Mode.AUTO && terminal);
    this.interactive = terminal;
    if (visible) {
      update(0, "");
    }
    this.tick = visible && interactive ? TICKER.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS) : null;
  }

  /**
   * Runs one unit of work under a bar of one step (which shows the elapsed time while it runs).
   *
   * @param label the bar's label
   * @param work the work
   * @return what the work returns
   */
  static <T> T step(String label, Work<T> work) throws Exception {
    try (ProgressBar bar = new ProgressBar(label, 1)) {
      T result = work.run();
      bar.step("");
      return result;
    }
  }

  private synchronized void redraw() {
    if (!drawnComplete) {
      lastDrawNanos = System.nanoTime();
      draw(false);
    }
  }

  /** Sets when the bars of this run are drawn ({@code --progress}). */
  static void mode(Mode m) {
    mode = m;
  }

  /** When bars are drawn. */
  static Mode mode() {
    return mode;
  }

  /**
   * Whether standard error is a terminal: the launcher's {@value #TERMINAL_PROPERTY} when set, otherwise the JVM's
   * console ({@code Console.isTerminal()} where the JDK has it).
   */
  static boolean stderrIsTerminal() {
    String p = System.getProperty(TERMINAL_PROPERTY);
    if (p != null) {
      return Boolean.parseBoolean(p);
    }
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method m = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Sets the progress to {@code done} of the total, with a short detail (e.g. "loss 0.123"). */
  synchronized void update(long done, String detail) {
    this.done = Math.max(0, Math.min(done, total));
    this.detail = detail;
    if (!visible) {
      return;
    }
    long now = System.nanoTime();
    int decile = (int) (this.done * 10 / total);
    if (interactive ? now - lastDrawNanos > 100_000_000L || this.done == total : decile > lastDecile) {
      lastDrawNanos = now;
      lastDecile = decile;
      draw(false);
    }
  }

  /**
   * Prints a line of text above the bar (in every mode), and draws the bar again under it on a terminal.
   *
   * @param text the line, without line break
   */
  synchronized void note(String text) {
    if (visible && interactive && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
    }
    out.println(text);
    if (visible && interactive && lastWidth > 0) {
      lastWidth = 0;
      draw(false);
    }
    out.flush();
  }

  /**
   * A writer whose lines are printed as {@link #note notes} above this bar: for a step's own messages, which would
   * otherwise be written after the bar's text on a terminal.
   */
  PrintWriter notes() {
    return new PrintWriter(new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] buf, int off, int len) {
        synchronized (line) {
          for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
              note(line.toString());
              line.setLength(0);
            } else if (buf[i] != '\r') {
              line.append(buf[i]);
            }
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {
        synchronized (line) {
          if (line.length() > 0) {
            note(line.toString());
            line.setLength(0);
          }
        }
      }
    }, true);
  }

  /** Advances by one. */
  synchronized void step(String detail) {
    update(done + 1, detail);
  }

  /** The line drawn for the current state. */
  synchronized String line() {
    double secs = (System.nanoTime() - startNanos) / 1e9;
    return render(label, done, total, secs, detail);
  }

  /**
   * One bar: label, bar, percentage, count, rate, elapsed time and (before the end) the estimated time left.
   *
   * @param seconds time since the step started
   */
  static String render(String label, long done, long total, double seconds, String detail) {
    int filled = (int) (WIDTH * done / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = done >= total ? "" : rate > 0 ? " ETA " + duration((total - done) / rate) : " ETA ?";
    return String.format(Locale.ROOT, "%-26s [%s] %3d%% %,d/%,d %s/s %s%s%s", label, bar, done * 100 / total, done,
        total, rate(rate), duration(seconds), eta, detail.isEmpty() ? "" : "  " + detail);
  }

  private static String rate(double r) {
    return r >= 100 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.2g", r);
  }

  /** A duration as {@code 4.2s}, {@code 3m05s} or {@code 1h02m}. */
  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    return s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  private void draw(boolean last) {
    if (drawnComplete && !(interactive && last)) {
      return;
    }
    drawnComplete = done == total;
    String line = line();
    if (interactive) {
      String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
      lastWidth = line.length();
      out.print("\r" + line + pad + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  /**
   * A listener for a library operation that moves this bar: the bar takes the operation's total, and shows the
   * stage's name when it is not the bar's label.
   */
  ProgressListener asListener() {
    return (stage, d, t) -> {
      synchronized (this) {
        total = Math.max(1, t);
        update(d, stage.equals(label) ? detail : stage);
      }
    };
  }

  /** A training listener that only moves this bar, one step per epoch (for use beside one that prints). */
  TrainingListener asEpochCounter() {
    return new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {
        update(epoch, String.format(Locale.ROOT, "epoch %d/%d", epoch, totalEpochs));
      }
    };
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
        note(label + ": " + text);
      }
    };
  }

  /** Finishes the bar at 100%. */
  @Override
  public synchronized void close() {
    if (tick != null) {
      tick.cancel(false);
    }
    done = total;
    if (visible) {
      draw(true);
    }
  }
}
