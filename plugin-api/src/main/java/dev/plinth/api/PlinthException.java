package dev.plinth.api;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The base of every error Plinth reports. It carries a stable {@link ErrorCode}, a message that
 * names the offending field and value ({@code "<field> <rule>: <value>"}), a {@link #nextStep()}
 * telling an operator how to fix it, and structured details for UIs and {@code --json} output.
 *
 * <p>Each module has one subclass family; catch this type to handle any of them.
 */
@API(status = STABLE, since = "0.1")
public class PlinthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String nextStep;
  private final Map<String, Object> details;

  public PlinthException(ErrorCode code, String message, String nextStep) {
    this(code, message, nextStep, Map.of(), null);
  }

  public PlinthException(
      ErrorCode code,
      String message,
      String nextStep,
      Map<String, ?> details,
      @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
    this.nextStep = requireNonNull(nextStep, "nextStep");
    this.details = Map.copyOf(new LinkedHashMap<>(requireNonNull(details, "details")));
  }

  /** The stable machine-readable code. */
  public ErrorCode code() {
    return code;
  }

  /** What an operator should do to fix the problem. */
  public String nextStep() {
    return nextStep;
  }

  /** Structured details (field, value, plugin id, ...), never null. */
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code.code() + "]: " + getMessage();
  }
}
