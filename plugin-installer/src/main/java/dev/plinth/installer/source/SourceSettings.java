package dev.plinth.installer.source;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where remote sources live.
 *
 * @param githubApiBase GitHub API base URL (default {@code https://api.github.com})
 * @param githubToken a token sent as {@code Authorization: Bearer} to the API, or null
 * @param mavenRepository the Maven repository base URL, or null when Maven sources are not configured
 * @param mavenExtension the archive extension in the repository (default {@code tar.gz})
 * @param catalogIndexes catalog index URLs, searched in order
 * @param target the platform target of release tarballs, e.g. {@code linux-x86_64}
 */
@API(status = STABLE, since = "0.1")
public record SourceSettings(
    String githubApiBase,
    @Nullable String githubToken,
    @Nullable String mavenRepository,
    String mavenExtension,
    List<String> catalogIndexes,
    String target) {

  public static final String GITHUB_API = "https://api.github.com";

  public SourceSettings {
    githubApiBase = stripSlash(requireNonNull(githubApiBase, "githubApiBase"));
    mavenRepository = mavenRepository == null ? null : stripSlash(mavenRepository);
    requireNonNull(mavenExtension, "mavenExtension");
    if (!mavenExtension.matches("[a-z0-9]+(\\.[a-z0-9]+)?")) {
      throw new IllegalArgumentException("mavenExtension must be like tar.gz or zip: " + mavenExtension);
    }
    catalogIndexes = List.copyOf(catalogIndexes);
    requireNonNull(target, "target");
    if (!target.matches("[a-z0-9_]+-[a-z0-9_]+")) {
      throw new IllegalArgumentException("target must be <os>-<arch> like linux-x86_64: " + target);
    }
  }

  /** GitHub public API, no token, no Maven repository or catalogs, this machine's target. */
  public static SourceSettings defaults() {
    return new SourceSettings(GITHUB_API, null, null, "tar.gz", List.of(), currentTarget());
  }

  /** {@code <os>-<arch>} of this JVM: os in linux, darwin, windows; arch in x86_64, aarch64, ... */
  public static String currentTarget() {
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "darwin"
        : os.contains("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
    String a = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch.replaceAll("[^a-z0-9_]", "");
    };
    return (o.isEmpty() ? "unknown" : o) + "-" + (a.isEmpty() ? "unknown" : a);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
