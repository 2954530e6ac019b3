package dev.plinth.manifest;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code [plugin.crash_guard]}: the limits a plugin asks the crash guard to apply to it. A count
 * below one would disable on no failure at all; a window under a second never holds two failures of
 * a plugin that retries with any back-off; a window over a day keeps one old failure counting
 * forever. Stateless.
 */
final class CrashGuardValidator {
  static final int MIN_FAILURES = 1;
  static final int MAX_FAILURES = 100;
  static final long MIN_WINDOW_MS = 1_000;
  static final long MAX_WINDOW_MS = 86_400_000;
  private static final Set<String> KEYS = Set.of("max_failures", "window_ms");

  private CrashGuardValidator() {}

  static PluginManifest.CrashLimits limits(@Nullable FieldReader table) {
    if (table == null) {
      return PluginManifest.CrashLimits.NONE;
    }
    table.unknownKeys(KEYS);
    Long failures = table.integer("max_failures");
    if (failures != null && (failures < MIN_FAILURES || failures > MAX_FAILURES)) {
      table.issues().add(ManifestCode.CRASH_GUARD_OUT_OF_RANGE, table.field("max_failures"),
          String.valueOf(failures), "must be between " + MIN_FAILURES + " and " + MAX_FAILURES,
          failures < MIN_FAILURES
              ? "Set max_failures to at least 1 (1 disables on the first failure), or remove it to keep the host's."
              : "Set max_failures to at most " + MAX_FAILURES + ", or remove it to keep the host's.");
      failures = null;
    }
    Long window = table.integer("window_ms");
    if (window != null && (window < MIN_WINDOW_MS || window > MAX_WINDOW_MS)) {
      table.issues().add(ManifestCode.CRASH_GUARD_OUT_OF_RANGE, table.field("window_ms"), String.valueOf(window),
          "must be between " + MIN_WINDOW_MS + " and " + MAX_WINDOW_MS,
          window < MIN_WINDOW_MS
              ? "Use a window of at least 1000 ms, so failures a back-off spaces out still count together."
              : "Use a window of at most 86400000 ms (one day), or remove it to keep the host's.");
      window = null;
    }
    return new PluginManifest.CrashLimits(failures == null ? null : failures.intValue(), window);
  }
}
