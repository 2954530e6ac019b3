package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What loading a committed version learns from its files before any of its code runs, computed
 * once when its index entry is written (by the {@link BootFactsProvider} the store was built with)
 * and kept in that entry, so boot can create the plugin's loader without resolving its classpath,
 * scanning its jars or reading its services file again.
 *
 * <p>Only a bundle whose classpath is jars alone, and whose check passed, has facts. Boot uses them
 * only when {@link #checkKey()} is the key of its own check and every jar still has the size and
 * last-modified time recorded here; otherwise it takes the full path.
 *
 * @param checkKey identifies the rules the check ran with (the host's guarded packages); facts with
 *     another key are not used
 * @param classpath the resolved classpath, in order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BootFacts(String checkKey, List<Jar> classpath) {
  public BootFacts {
    requireNonNull(checkKey, "checkKey");
    classpath = List.copyOf(requireNonNull(classpath, "classpath"));
  }

  /**
   * One jar of the classpath.
   *
   * @param path its path inside the version folder, with {@code /} separators
   * @param size its size in bytes when the facts were computed
   * @param modified its last-modified time then, in milliseconds since the epoch
   * @param pluginServices the text of its {@code META-INF/services/dev.plinth.api.Plugin} file, or
   *     null when it has none
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Jar(String path, long size, long modified, @Nullable String pluginServices) {
    public Jar {
      requireNonNull(path, "path");
    }
  }
}
