package dev.plinth.installer;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Progress of an install, for progress bars and logs. Called on the installing thread; keep it quick. */
@API(status = STABLE, since = "0.1")
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A phase started; {@code detail} says what it works on (a URL, a version). */
  default void phaseStarted(Phase phase, String detail) {}

  /** A phase finished. */
  default void phaseFinished(Phase phase, String detail) {}

  /** Bytes downloaded so far; {@code total} is -1 when the server did not say. */
  default void bytes(long done, long total) {}
}
