package dev.plinth.cli;

import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import java.util.Locale;

/**
 * Human progress: one line per phase, a progress bar with bytes and rate on a terminal (plain
 * lines otherwise), and the signature verdict when the pipeline reports it.
 */
final class PhasePrinter implements ProgressListener, EventSink {
  private final CliOutput out;
  private final boolean terminal;
  private long started = System.nanoTime();
  private long lastPrinted;
  private boolean barOpen;
  private String lastPhaseLine = "";

  PhasePrinter(CliOutput out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void phaseStarted(Phase phase, String detail) {
    closeBar();
    if (phase == Phase.DOWNLOAD) {
      started = System.nanoTime();
    }
    String line = String.format(Locale.ROOT, "%-10s %s", phase.jsonName(), detail);
    if (!line.equals(lastPhaseLine)) {
      out.line(line);
      lastPhaseLine = line;
    }
  }

  @Override
  public void bytes(long done, long total) {
    long now = System.nanoTime();
    boolean last = total > 0 && done >= total;
    if (!last && now - lastPrinted < 200_000_000L) {
      return;
    }
    lastPrinted = now;
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    String rate = human((long) (done / seconds)) + "/s";
    if (terminal && !out.json()) {
      int width = 30;
      int filled = total > 0 ? (int) Math.min(width, width * done / total) : 0;
      String bar = "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
      out.progress("           " + bar + " " + human(done) + (total > 0 ? " / " + human(total) : "") + "  " + rate + "   ");
      barOpen = true;
      if (last) {
        closeBar();
      }
    } else if (last) {
      out.line(String.format(Locale.ROOT, "           %s in %.1fs (%s)", human(done), seconds, rate));
    }
  }

  @Override
  public void emit(PlinthEvent event) {
    if (event.type().startsWith("signature")) {
      closeBar();
      out.line("signature  " + event.type() + " " + event.detail());
    }
  }

  private void closeBar() {
    if (barOpen) {
      out.endProgress();
      barOpen = false;
    }
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
