package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.Phase;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How a store operation ended. A {@code switch} over the cases covers every result; each case
 * serialises to JSON for host UIs and {@code --json}.
 *
 * <ul>
 *   <li>{@link Installed}, {@link Upgraded}, {@link Downgraded}, {@link Reverted},
 *       {@link Uninstalled}: the store changed and the change is committed;
 *   <li>{@link AlreadyInstalled}: the same id, version and digest is current: nothing changed;
 *   <li>{@link Failed}: refused or failed before the store changed (source, download, trust,
 *       preflight, dependency and downgrade errors);
 *   <li>{@link RolledBack}: failed after the store changed; the previous version is current
 *       again (or, for a fresh install, nothing of the plugin is left).
 * </ul>
 */
@API(status = STABLE, since = "0.1")
public sealed interface InstallOutcome {

  /** The plugin concerned (the source string when a failure came before its id was known). */
  String pluginId();

  /** True for outcomes that leave the requested change in place or needed none. */
  default boolean succeeded() {
    return !(this instanceof Failed) && !(this instanceof RolledBack);
  }

  /** A new plugin was installed. */
  record Installed(String pluginId, String version) implements InstallOutcome {
    public Installed {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(version, "version");
    }
  }

  /** The same id, version and digest was already current; nothing changed. */
  record AlreadyInstalled(String pluginId, String version) implements InstallOutcome {
    public AlreadyInstalled {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(version, "version");
    }
  }

  /** A newer version became current. */
  record Upgraded(String pluginId, String from, String to) implements InstallOutcome {
    public Upgraded {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /** An older version was installed and became current ({@code allowDowngrade}). */
  record Downgraded(String pluginId, String from, String to) implements InstallOutcome {
    public Downgraded {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /** An operator rollback switched to a kept version. */
  record Reverted(String pluginId, String from, String to) implements InstallOutcome {
    public Reverted {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /** The plugin was removed; its data folder too when {@code dataPurged}. */
  record Uninstalled(String pluginId, String version, boolean dataPurged) implements InstallOutcome {
    public Uninstalled {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(version, "version");
    }
  }

  /**
   * The operation failed after the store changed and was undone.
   *
   * @param phase the phase that failed
   * @param cause why
   * @param restoredVersion the version current again, or null when the plugin had none
   */
  record RolledBack(String pluginId, Phase phase, Cause cause, @Nullable String restoredVersion) implements InstallOutcome {
    public RolledBack {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(phase, "phase");
      requireNonNull(cause, "cause");
    }
  }

  /** The operation failed before the store changed. */
  record Failed(String pluginId, Phase phase, Cause cause) implements InstallOutcome {
    public Failed {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(phase, "phase");
      requireNonNull(cause, "cause");
    }
  }

  /**
   * A failure in plain data: the error's stable code, message, next step and details.
   */
  record Cause(String code, String message, String nextStep, Map<String, Object> details) {
    public Cause {
      requireNonNull(code, "code");
      requireNonNull(message, "message");
      requireNonNull(nextStep, "nextStep");
      details = Map.copyOf(details);
    }

    public static Cause of(PlinthException e) {
      return new Cause(e.code().code(), String.valueOf(e.getMessage()), e.nextStep(), e.details());
    }
  }
}
