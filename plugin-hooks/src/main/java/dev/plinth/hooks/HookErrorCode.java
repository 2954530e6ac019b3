package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Errors raised by the hook registry and dispatcher. Handler failures are never thrown: they
 * become {@link HookReceipt}s. These codes are for misuse of the engine itself. Catalogued in
 * {@code docs/error-codes.md}, section plugin-hooks.
 */
@API(status = STABLE, since = "0.1")
public enum HookErrorCode implements ErrorCode {
  /** Dispatch or registration after {@link HookDispatcher#close()}. */
  DISPATCHER_CLOSED,
  /** The same handler instance registered twice by one plugin for one point. */
  HANDLER_DUPLICATE,
  /** A handler specification is unusable (for example a blank plugin id). */
  HANDLER_INVALID,
  /** Two different points share one name but not one data type. */
  HOOK_POINT_CONFLICT,
  /** Registration through a plugin's registrar after it was closed (plugin stopped). */
  REGISTRAR_CLOSED,
  /** A dispatcher builder setting is out of range, set twice, or inconsistent with another. */
  SETTING_INVALID;

  @Override
  public String code() {
    return name();
  }
}
