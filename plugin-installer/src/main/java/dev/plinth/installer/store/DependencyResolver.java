package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where to install a missing plugin dependency from, when a request sets
 * {@code installDependencies}. The default asks the configured catalogs:
 * {@code catalog:<id>@<range>}. Return empty to leave the dependency missing (the install then
 * fails with {@code DEPENDENCY_MISSING}). Implementations must be thread-safe.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface DependencyResolver {
  /** Resolves through the catalog source: {@code catalog:<id>@<range>}. */
  DependencyResolver CATALOG = (id, range) -> Optional.of("catalog:" + id + "@" + range);

  /** Never resolves: dependencies must be installed by hand. */
  DependencyResolver NONE = (id, range) -> Optional.empty();

  /** A source string that provides plugin {@code id} in a version inside {@code range}. */
  Optional<String> sourceFor(String id, String range);
}
