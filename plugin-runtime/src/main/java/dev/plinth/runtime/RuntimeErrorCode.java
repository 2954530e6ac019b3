package dev.plinth.runtime;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Error codes of the plugin runtime, documented in the {@code plugin-runtime} section of {@code
 * docs/error-codes.md} (a test keeps the two in step). The runtime also raises {@code
 * PLUGIN_TIMEOUT} (plugin-api) for calls into plugin code that overrun, and {@code
 * DEPENDENCY_MISSING} / {@code DEPENDENCY_CYCLE} (installer) when boot ordering fails, so each
 * condition keeps one code across modules.
 */
@API(status = STABLE, since = "0.1")
public enum RuntimeErrorCode implements ErrorCode {
  /** A {@code runtime.classpath} entry is absolute, leaves the version folder, or the folder is missing. */
  CLASSPATH_INVALID,
  /** The classpath resolved to no folder and no jar. */
  CLASSPATH_EMPTY,
  /** A jar or class folder on the classpath cannot be read. */
  CLASSPATH_UNREADABLE,
  /** The bundle carries classes of {@code dev.plinth.api} or of a package the host exports. */
  LOAD_HOST_CLASSES_REFUSED,
  /** No {@code Plugin} provider in the bundle, or the named entry class does not exist. */
  ENTRY_NOT_FOUND,
  /** Several {@code Plugin} providers and no {@code runtime.entry} to choose one. */
  ENTRY_AMBIGUOUS,
  /** The entry class is not a public, concrete {@code Plugin} with a public no-arg constructor. */
  ENTRY_INVALID,
  /** A provider of a declared extension interface cannot be loaded or created. */
  EXTENSION_INVALID,
  /** {@code Plugin.start} (or the entry's constructor) threw. */
  START_FAILED,
  /** {@code Plugin.stop} threw. */
  STOP_FAILED,
  /** {@code Plugin.health} threw or reported the plugin unhealthy. */
  HEALTH_FAILED,
  /** The host thread was interrupted while it waited for plugin code. */
  CALL_INTERRUPTED,
  /** A plugin with this id is already loaded. */
  PLUGIN_ALREADY_LOADED,
  /** No plugin with this id is loaded. */
  PLUGIN_NOT_LOADED,
  /** Other loaded plugins depend on the plugin being unloaded. */
  PLUGIN_HAS_DEPENDENTS,
  /** A declared dependency is not loaded, or its loaded version is outside the declared range. */
  DEPENDENCY_UNSATISFIED,
  /** The crash guard disabled this plugin; it stays unloaded until re-enabled. */
  PLUGIN_AUTO_DISABLED,
  /** Safe mode is on: no third-party plugin is loaded. */
  SAFE_MODE_ACTIVE,
  /** The plugin used its context after it was stopped. */
  CONTEXT_CLOSED,
  /** {@code enable} was refused: the current version's declared permissions are not acknowledged. */
  PERMISSIONS_NOT_ACKNOWLEDGED,
  /** A hook handler threw or returned unusable data (a crash-guard failure; timeouts are {@code PLUGIN_TIMEOUT}). */
  HOOK_FAILED,
  /** The {@code PluginSystem} was closed. */
  SYSTEM_CLOSED;

  @Override
  public String code() {
    return name();
  }
}
