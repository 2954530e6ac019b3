package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Where a {@link PluginCatalog} finds plugins. Each has a string form for the command line:
 *
 * <ul>
 *   <li>{@code https://…/index.json} or {@code index:URL}: a catalog index ({@code schema_version 1},
 *       the same file {@code catalog:} installs use)
 *   <li>{@code github-index:URL}: a fixed index file listing GitHub repositories
 *       ({@code {"schema_version":1,"repositories":["owner/repo"]}}, e.g. generated from a topic or an
 *       organisation); each repository's latest release is read through the GitHub API
 *   <li>{@code maven:URL#group:artifact[,group:artifact]}: artifacts of a Maven repository, read from
 *       their {@code maven-metadata.xml}
 *   <li>{@code folder:PATH}: a local folder of bundles (folders and archives)
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface CatalogSource {
  /** A short name for reports and banners: the URL or the folder. */
  String name();

  /** The kind, as in the string form: {@code index}, {@code github-index}, {@code maven}, {@code folder}. */
  String kind();

  /** A catalog index URL. */
  record Index(String url) implements CatalogSource {
    public Index {
      requireNonNull(url, "url");
    }

    @Override
    public String name() {
      return url;
    }

    @Override
    public String kind() {
      return "index";
    }
  }

  /** A fixed index file listing GitHub repositories, each read through the GitHub API. */
  record GitHubListing(String indexUrl) implements CatalogSource {
    public GitHubListing {
      requireNonNull(indexUrl, "indexUrl");
    }

    @Override
    public String name() {
      return indexUrl;
    }

    @Override
    public String kind() {
      return "github-index";
    }
  }

  /** Artifacts ({@code group:artifact}) of a Maven repository. */
  record MavenArtifacts(String repositoryUrl, List<String> coordinates) implements CatalogSource {
    private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+");

    public MavenArtifacts {
      requireNonNull(repositoryUrl, "repositoryUrl");
      repositoryUrl = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl;
      coordinates = List.copyOf(coordinates);
      if (coordinates.isEmpty()) {
        throw new IllegalArgumentException("maven catalog source coordinates must not be empty: " + repositoryUrl);
      }
      for (String c : coordinates) {
        if (!COORDINATE.matcher(c).matches() || c.contains("..")) {
          throw new IllegalArgumentException("maven catalog source coordinate must be group:artifact: " + c);
        }
      }
    }

    @Override
    public String name() {
      return repositoryUrl + "#" + String.join(",", coordinates);
    }

    @Override
    public String kind() {
      return "maven";
    }
  }

  /** A local folder of bundles. */
  record Folder(Path path) implements CatalogSource {
    public Folder {
      requireNonNull(path, "path");
    }

    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public String kind() {
      return "folder";
    }
  }

  /**
   * Parses the string form.
   *
   * @throws IllegalArgumentException naming the value when it is none of the forms
   */
  static CatalogSource parse(String value) {
    requireNonNull(value, "value");
    if (value.startsWith("index:")) {
      return new Index(value.substring("index:".length()));
    }
    if (value.startsWith("https://") || value.startsWith("http://")) {
      return new Index(value);
    }
    if (value.startsWith("github-index:")) {
      return new GitHubListing(value.substring("github-index:".length()));
    }
    if (value.startsWith("folder:")) {
      return new Folder(Path.of(value.substring("folder:".length())));
    }
    if (value.startsWith("maven:")) {
      String rest = value.substring("maven:".length());
      int hash = rest.lastIndexOf('#');
      if (hash < 0) {
        throw new IllegalArgumentException("maven catalog source must be maven:URL#group:artifact[,...]: " + value);
      }
      return new MavenArtifacts(rest.substring(0, hash), Arrays.asList(rest.substring(hash + 1).split(",")));
    }
    throw new IllegalArgumentException(
        "catalog source must be an index URL, index:URL, github-index:URL, maven:URL#g:a or folder:PATH: " + value);
  }
}
