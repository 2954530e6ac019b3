package dev.plinth.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process saw happen to each plugin that the runtime does not remember: the last error
 * (load, start, health, hook), whether the last load attempt failed, and which builtins an operator
 * disabled. Thread-safe (written by operations and by the receipt delivery thread).
 */
final class LoadTracker {
  private final Map<String, String> lastError = new ConcurrentHashMap<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final Set<String> disabledBuiltins = ConcurrentHashMap.newKeySet();

  /** A load, start or health check failed: the plugin is not running because of it. */
  void loadFailed(String id, String error) {
    lastError.put(id, error);
    failed.add(id);
  }

  /** A failure that does not stop the plugin by itself (a hook error, a rollback cause). */
  void noted(String id, String error) {
    lastError.put(id, error);
  }

  void loaded(String id) {
    failed.remove(id);
  }

  /** The plugin was disabled, re-enabled or removed: an old load failure no longer describes it. */
  void cleared(String id) {
    failed.remove(id);
  }

  boolean hasFailed(String id) {
    return failed.contains(id);
  }

  Optional<String> lastError(String id) {
    return Optional.ofNullable(lastError.get(id));
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
