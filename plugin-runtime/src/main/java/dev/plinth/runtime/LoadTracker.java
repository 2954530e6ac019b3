package dev.plinth.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What this process saw happen to each plugin that the runtime does not remember: the last error
 * (load, start, health, hook), whether the last load attempt failed, and which builtins an operator
 * disabled. Thread-safe (written by operations and by the receipt delivery thread).
 */
final class LoadTracker {
  /** An error and the version it is about, when known. */
  private record Recorded(String error, @Nullable String version) {}

  private final Map<String, Recorded> lastError = new ConcurrentHashMap<>();
  private final Map<String, String> started = new ConcurrentHashMap<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final Set<String> disabledBuiltins = ConcurrentHashMap.newKeySet();

  /** Loading, starting or health-checking {@code version} failed: the plugin is not running because of it. */
  void loadFailed(String id, @Nullable String version, String error) {
    lastError.put(id, new Recorded(error, version));
    failed.add(id);
  }

  /** As {@link #loadFailed(String, String, String)}, about the version that last started here. */
  void loadFailed(String id, String error) {
    loadFailed(id, started.get(id), error);
  }

  /** A failure that does not stop the plugin by itself (a hook error, a rollback cause), about the running version. */
  void noted(String id, String error) {
    lastError.put(id, new Recorded(error, started.get(id)));
  }

  /**
   * {@code version} started. An error recorded about another version no longer describes the
   * plugin and is dropped; so is one whose version is unknown, when this start is of a version
   * other than the one that last started.
   */
  void loaded(String id, String version) {
    failed.remove(id);
    String before = started.put(id, version);
    lastError.computeIfPresent(id, (k, e) ->
        (e.version() != null ? e.version().equals(version) : version.equals(before)) ? e : null);
  }

  /** The plugin was disabled, re-enabled or removed: an old load failure no longer describes it. */
  void cleared(String id) {
    failed.remove(id);
  }

  /** The plugin was uninstalled: nothing this process saw of it describes a later install. */
  void forget(String id) {
    failed.remove(id);
    lastError.remove(id);
    started.remove(id);
  }

  boolean hasFailed(String id) {
    return failed.contains(id);
  }

  Optional<String> lastError(String id) {
    return Optional.ofNullable(lastError.get(id)).map(Recorded::error);
  }

  void builtinDisabled(String id, boolean disabled) {
    if (disabled) {
      disabledBuiltins.add(id);
    } else {
      disabledBuiltins.remove(id);
    }
  }

  boolean isBuiltinDisabled(String id) {
    return disabledBuiltins.contains(id);
  }
}
