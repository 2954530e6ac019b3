package dev.plinth.installer.trust;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One {@code [[authors]]} entry of {@code trust.toml}: which plugins it covers and who may sign them.
 *
 * @param index the entry's position in the file (0-based)
 * @param name a label for reports, or null
 * @param plugins plugin id globs ({@code *} and {@code ?})
 * @param mode the mode for these plugins, or null to use the default mode
 * @param identity certificate SAN regex (full match) for keyless signatures, or null
 * @param issuer the OIDC issuer for keyless signatures (required with {@code identity}), or null
 * @param keys pinned public key files (PEM or armored PGP), resolved against the trust file
 */
@API(status = STABLE, since = "0.1")
public record AuthorPolicy(
    int index,
    @Nullable String name,
    List<String> plugins,
    @Nullable TrustMode mode,
    @Nullable String identity,
    @Nullable String issuer,
    List<Path> keys) {

  public AuthorPolicy {
    plugins = List.copyOf(plugins);
    keys = List.copyOf(keys);
  }

  /** The label in verdicts: the name, else {@code authors[<index>]}. */
  public String label() {
    return name != null ? name : "authors[" + index + "]";
  }

  /** Whether a glob of this entry matches the plugin id. */
  public boolean matches(String pluginId) {
    requireNonNull(pluginId, "pluginId");
    for (String glob : plugins) {
      StringBuilder regex = new StringBuilder();
      for (char c : glob.toCharArray()) {
        regex.append(c == '*' ? "[a-z0-9_]*" : c == '?' ? "[a-z0-9_]" : Pattern.quote(String.valueOf(c)));
      }
      if (pluginId.matches(regex.toString())) {
        return true;
      }
    }
    return false;
  }
}
