package dev.plinth.installer;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
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

  /**
   * The plugin the source provides is known: after {@code RESOLVE} when the source names it (a
   * catalog), else once the bundle's {@code plugin.toml} is read during {@code EXTRACT}. May be
   * called twice (the manifest confirms what the source named); a failure after it is reported
   * under this id rather than the source string.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  default void resolved(String pluginId, String version) {}
}
