package dev.plinth.installer;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** The phases of an install, in order. Every failure names the phase it happened in. */
@API(status = STABLE, since = "0.1")
public enum Phase {
  RESOLVE,
  PREFLIGHT,
  DOWNLOAD,
  VERIFY,
  EXTRACT,
  PREPARE,
  ACTIVATE,
  HEALTH,
  COMMIT;

  /** The lower-case name used in events and JSON ({@code preflight}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
