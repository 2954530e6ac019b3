package dev.plinth.installer;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PlinthException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** An install, upgrade, rollback or uninstall that failed, with the phase it failed in. */
@API(status = STABLE, since = "0.1")
public final class InstallException extends PlinthException {
  private static final long serialVersionUID = 1L;

  private final InstallErrorCode installCode;
  private final Phase phase;

  public InstallException(InstallErrorCode code, Phase phase, String message, String nextStep) {
    this(code, phase, message, nextStep, Map.of(), null);
  }

  public InstallException(
      InstallErrorCode code,
      Phase phase,
      String message,
      String nextStep,
      Map<String, ?> details,
      @Nullable Throwable cause) {
    super(code, message, nextStep, withPhase(details, phase), cause);
    this.installCode = code;
    this.phase = requireNonNull(phase, "phase");
  }

  @Override
  public InstallErrorCode code() {
    return installCode;
  }

  public Phase phase() {
    return phase;
  }

  private static Map<String, Object> withPhase(Map<String, ?> details, Phase phase) {
    Map<String, Object> out = new LinkedHashMap<>(details);
    out.put("phase", phase.jsonName());
    return out;
  }
}
