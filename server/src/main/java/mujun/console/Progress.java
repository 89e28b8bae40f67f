package mujun.console;

import java.io.PrintStream;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long command-line work: a bar redrawn in place on a terminal; elsewhere (a log, CI, a pipe) one plain line
 * every few seconds, so a log holds a readable line per interval instead of thousands of carriage-return frames.
 */
public final class Progress {
  /** How often a plain line is written when the output is not a terminal. */
  static final int PLAIN_INTERVAL_MS = 10_000;

  private Progress() {}

  /** A progress bar for {@code task} of {@code max} steps on standard error, in the form the output can show. */
  public static ProgressBar bar(String task, long max) {
    return bar(task, max, System.console() != null, System.err);
  }

  /** As {@link #bar(String, long)}, deciding the form from {@code terminal} and writing plain lines to {@code out}. */
  static ProgressBar bar(String task, long max, boolean terminal, PrintStream out) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII);
    if (terminal) return b.setUpdateIntervalMillis(250).continuousUpdate().build();
    return plain(b, line -> out.println(line.strip())).build();
  }

  static ProgressBarBuilder plain(ProgressBarBuilder b, Consumer<String> lines) {
    return b.setUpdateIntervalMillis(PLAIN_INTERVAL_MS).setConsumer(new DelegatingProgressBarConsumer(lines, 120));
  }
}
