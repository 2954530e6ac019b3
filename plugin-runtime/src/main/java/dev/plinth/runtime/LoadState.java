package dev.plinth.runtime;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Where a plugin stands in this process, as {@link PluginStatus} reports it. */
@API(status = STABLE, since = "0.1")
public enum LoadState {
  /** Not loaded: disabled, permissions not acknowledged, or not attempted yet. */
  NOT_LOADED,
  /** Loaded and started; its hooks and extensions are live. */
  STARTED,
  /** The last attempt to load, start or health-check it failed ({@link PluginStatus#lastError()}). */
  FAILED,
  /** The crash guard disabled it after repeated failures; re-enable it to load it again. */
  AUTO_DISABLED,
  /** Safe mode is on, so this third-party plugin is not loaded. */
  SAFE_MODE,
  /**
   * Lazy: registered at boot from the install-time index, not loaded; the first dispatch to one of
   * its hook points or lookup of one of its extensions starts it.
   */
  DEFERRED
}
