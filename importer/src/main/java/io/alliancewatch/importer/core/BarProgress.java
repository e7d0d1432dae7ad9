package io.alliancewatch.importer.core;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress display on standard error (standard output stays for the summary, so it can be
 * piped): a live bar with rows/s and ETA on a terminal, or a plain line every few seconds when the
 * output goes to a file or a CI log, where a redrawn bar would be a mess of carriage returns.
 */
public final class BarProgress implements Progress.Factory {

  private final boolean terminal;
  private final PrintStream err;
  private final int plainIntervalMillis;

  public BarProgress(boolean terminal, PrintStream err, int plainIntervalMillis) {
    this.terminal = terminal;
    this.err = err;
    this.plainIntervalMillis = plainIntervalMillis;
  }

  @Override
  public boolean wantsTotal() {
    return true;
  }

  @Override
  public Progress start(String label, long total) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(label)
            .setInitialMax(total)
            .setUnit(" rows", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS);
    if (terminal) {
      builder
          .setStyle(ProgressBarStyle.UNICODE_BLOCK)
          .setUpdateIntervalMillis(200)
          .setConsumer(new ConsoleProgressBarConsumer(err));
    } else {
      builder
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(plainIntervalMillis)
          .setConsumer(new DelegatingProgressBarConsumer(err::println, 120));
    }
    ProgressBar bar = builder.build();
    return new Progress() {
      @Override
      public void step() {
        bar.step();
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
