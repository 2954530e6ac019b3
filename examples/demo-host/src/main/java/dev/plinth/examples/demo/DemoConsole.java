package dev.plinth.examples.demo;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the demo prints goes through here: sections, indented lines, hook receipts, and
 * checks. A check that fails prints {@code UNEXPECTED} and makes the demo's exit code 1. Not
 * thread-safe.
 */
final class DemoConsole {
  private final PrintWriter out;
  private final List<String> unexpected = new ArrayList<>();
  private int section;

  DemoConsole(PrintWriter out) {
    this.out = out;
  }

  /** A console on the process's standard output (for {@code main}). */
  static PrintWriter stdout() {
    return new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
  }

  void banner(String title) {
    String rule = "=".repeat(Math.max(60, title.length() + 4));
    out.println(rule);
    out.println("  " + title);
    out.println(rule);
    out.flush();
  }

  void section(String title) {
    section++;
    out.println();
    out.println(String.format(Locale.ROOT, "[%d] %s", section, title));
    out.println("-".repeat(Math.min(78, title.length() + 5)));
    out.flush();
  }

  void line(String text) {
    text.lines().forEach(l -> out.println("    " + l));
    out.flush();
  }

  void indented(String text, int extra) {
    String pad = " ".repeat(4 + extra);
    text.lines().forEach(l -> out.println(pad + l));
    out.flush();
  }

  /** Prints {@code ok  what} when {@code condition} holds, {@code UNEXPECTED  what} otherwise. */
  boolean check(boolean condition, String what) {
    out.println((condition ? "    ok          " : "    UNEXPECTED  ") + what);
    out.flush();
    if (!condition) {
      unexpected.add(what);
    }
    return condition;
  }

  /** One hook dispatch: the point, then one line per receipt. */
  void dispatch(HookPoint<?> point, DispatchResult<?> result) {
    String verdict = result.blocked() ? "BLOCKED by " + result.blockedBy() : "continue";
    out.println(String.format(Locale.ROOT, "    %-22s %s", point.name(), result.receipts().isEmpty() ? "(no handlers)" : verdict));
    for (HookReceipt r : result.receipts()) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "      receipt  %-13s %-8s %7.2f ms",
          r.pluginId(), r.status().name().toLowerCase(Locale.ROOT), r.durationNanos() / 1_000_000.0));
      b.append(r.mutated() ? "  mutated " + r.changedFields() : "  unchanged");
      if (!r.refusedFields().isEmpty()) {
        b.append("  refused ").append(r.refusedFields());
      }
      if (r.detail() != null) {
        b.append("  (").append(r.detail()).append(')');
      }
      if (r.errorMessage() != null) {
        b.append("  error: ").append(r.errorMessage());
      }
      out.println(b);
    }
    out.flush();
  }

  /** The checks that failed so far. */
  List<String> unexpected() {
    return List.copyOf(unexpected);
  }
}
