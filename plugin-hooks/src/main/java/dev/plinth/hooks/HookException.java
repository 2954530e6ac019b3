package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PlinthException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The error family of plugin-hooks: misuse of the registry or dispatcher (never a handler's own
 * failure, which becomes a receipt). Immutable.
 */
@API(status = STABLE, since = "0.1")
public final class HookException extends PlinthException {
  private static final long serialVersionUID = 1L;

  private final HookErrorCode hookCode;

  public HookException(HookErrorCode code, String message, String nextStep, Map<String, ?> details) {
    super(code, message, nextStep, details, null);
    this.hookCode = code;
  }

  @Override
  public HookErrorCode code() {
    return hookCode;
  }

  static HookException closed() {
    return new HookException(
        HookErrorCode.DISPATCHER_CLOSED,
        "dispatcher must be open: closed",
        "build a new HookDispatcher; a closed one has shut its executor down",
        Map.of());
  }

  static HookException setting(String field, String rule, Object value) {
    return new HookException(
        HookErrorCode.SETTING_INVALID,
        field + " " + rule + ": " + value,
        "fix the value passed to HookDispatcher.builder()." + field + "(...)",
        Map.of("field", field, "value", String.valueOf(value)));
  }
}
