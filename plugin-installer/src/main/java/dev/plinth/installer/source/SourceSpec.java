package dev.plinth.installer.source;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.extract.ArchiveFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.semver4j.RangesListFactory;

/**
 * Where a bundle comes from, parsed from its string form. Parsing checks every coordinate against a
 * tight character class before any request is made, so no whitespace, URL or shell
 * meta-character can reach a URL or a log line unescaped.
 *
 * <pre>{@code
 * switch (SourceSpec.parse("github:acme/redactor@v1.4.2")) { ... }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public sealed interface SourceSpec {
  /** The string as the user gave it. */
  String raw();

  /** A local bundle folder. */
  record LocalFolder(String raw, Path path) implements SourceSpec {
    public LocalFolder {
      requireNonNull(raw, "raw");
      requireNonNull(path, "path");
    }
  }

  /** A local {@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .zip} or {@code .jar}. */
  record LocalArchive(String raw, Path path, ArchiveFormat format) implements SourceSpec {
    public LocalArchive {
      requireNonNull(raw, "raw");
      requireNonNull(path, "path");
      requireNonNull(format, "format");
    }
  }

  /**
   * An archive URL.
   *
   * @param sha256 the {@code #sha256=} digest the user pinned, lower-case, or null
   */
  record Url(String raw, String url, ArchiveFormat format, @Nullable String sha256) implements SourceSpec {
    public Url {
      requireNonNull(raw, "raw");
      requireNonNull(url, "url");
      requireNonNull(format, "format");
    }
  }

  /** A GitHub release; {@code tag} null means the latest release. */
  record GitHub(String raw, String owner, String repo, @Nullable String tag) implements SourceSpec {
    public GitHub {
      requireNonNull(raw, "raw");
      requireNonNull(owner, "owner");
      requireNonNull(repo, "repo");
    }
  }

  /** An artifact in the configured Maven repository. */
  record Maven(String raw, String groupId, String artifactId, String version, @Nullable String classifier)
      implements SourceSpec {
    public Maven {
      requireNonNull(raw, "raw");
      requireNonNull(groupId, "groupId");
      requireNonNull(artifactId, "artifactId");
      requireNonNull(version, "version");
    }
  }

  /** A plugin id in the configured catalogs; {@code range} null means the highest version. */
  record Catalog(String raw, String id, @Nullable String range) implements SourceSpec {
    public Catalog {
      requireNonNull(raw, "raw");
      requireNonNull(id, "id");
    }
  }

  /** Parses with plain {@code http://} allowed only to loopback hosts. */
  static SourceSpec parse(String raw) {
    return parse(raw, false);
  }

  /**
   * Parses a source string.
   *
   * @param allowInsecureHttp allow {@code http://} URLs to any host
   * @throws InstallException {@code SOURCE_INVALID}, {@code SOURCE_UNSUPPORTED} or
   *     {@code SOURCE_NOT_FOUND} (a local path that does not exist), phase {@code resolve}
   */
  static SourceSpec parse(String raw, boolean allowInsecureHttp) {
    requireNonNull(raw, "raw");
    if (raw.isEmpty() || !raw.strip().equals(raw)) {
      throw SourceErrors.invalid("source", "must be non-empty without surrounding whitespace", raw,
          "Give a folder, an archive, a URL, github:owner/repo, maven:g:a:v or catalog:id.");
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.startsWith("github:")) {
      return github(raw, raw.substring(7));
    }
    if (lower.startsWith("maven:")) {
      return maven(raw, raw.substring(6));
    }
    if (lower.startsWith("catalog:")) {
      return catalog(raw, raw.substring(8));
    }
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return url(raw, allowInsecureHttp);
    }
    if (lower.matches("[a-z][a-z0-9+.-]+:.*")) {
      throw new InstallException(InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
          "source scheme must be one of github, maven, catalog, https: " + SourceErrors.printable(raw),
          "Use github:owner/repo[@tag], maven:g:a:v[:classifier], catalog:id[@range], an https:// URL or a local path.",
          Map.of("value", SourceErrors.printable(raw)), null);
    }
    return local(raw);
  }

  private static SourceSpec github(String raw, String rest) {
    int at = rest.indexOf('@');
    String coords = at < 0 ? rest : rest.substring(0, at);
    String tag = at < 0 ? null : rest.substring(at + 1);
    String[] parts = coords.split("/", -1);
    if (parts.length != 2) {
      throw SourceErrors.invalid("github", "must be owner/repo[@tag]", raw, "Use github:acme/redactor@v1.2.0.");
    }
    SourceErrors.require("github.owner", parts[0], Coords.GITHUB_OWNER, "acme");
    SourceErrors.require("github.repo", parts[1], Coords.GITHUB_REPO, "plugin-redactor");
    if (parts[1].equals(".") || parts[1].equals("..")) {
      throw SourceErrors.invalid("github.repo", "must not be '.' or '..'", parts[1], "Use the repository name.");
    }
    if (tag != null) {
      SourceErrors.require("github.tag", tag, Coords.TAG, "v1.2.0");
      if (tag.equals("latest")) {
        tag = null;
      }
    }
    return new GitHub(raw, parts[0], parts[1], tag);
  }

  private static SourceSpec maven(String raw, String rest) {
    String[] parts = rest.split(":", -1);
    if (parts.length < 3 || parts.length > 4) {
      throw SourceErrors.invalid("maven", "must be group:artifact:version[:classifier]", raw,
          "Use maven:com.acme:redactor:1.2.0.");
    }
    SourceErrors.require("maven.group", parts[0], Coords.MAVEN_GROUP, "com.acme");
    SourceErrors.require("maven.artifact", parts[1], Coords.MAVEN_PART, "redactor");
    SourceErrors.require("maven.version", parts[2], Coords.MAVEN_VERSION, "1.2.0");
    String classifier = parts.length == 4 ? SourceErrors.require("maven.classifier", parts[3], Coords.MAVEN_PART, "noarch") : null;
    return new Maven(raw, parts[0], parts[1], parts[2], classifier);
  }

  private static SourceSpec catalog(String raw, String rest) {
    int at = rest.indexOf('@');
    String id = at < 0 ? rest : rest.substring(0, at);
    String range = at < 0 ? null : rest.substring(at + 1);
    SourceErrors.require("catalog.id", id, Coords.PLUGIN_ID, "acme_redactor");
    if (range != null) {
      if (!Coords.RANGE.matcher(range).matches()) {
        throw SourceErrors.invalid("catalog.range", "must be a version range like ^1.2 or >=1.0.0 <2.0.0", range,
            "Use catalog:" + id + "@^1.2.");
      }
      try {
        RangesListFactory.create(range);
      } catch (RuntimeException e) {
        throw SourceErrors.invalid("catalog.range", "must be a valid semver range", range, "Use catalog:" + id + "@^1.2.");
      }
    }
    return new Catalog(raw, id, range);
  }

  private static SourceSpec url(String raw, boolean allowInsecureHttp) {
    if (Coords.URL_FORBIDDEN.matcher(withoutQuerySeparators(raw)).find()) {
      throw SourceErrors.invalid("url", "must not contain whitespace, quotes, or URL or shell meta-characters", raw,
          "Percent-encode the URL or host the archive at a plain path.");
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw SourceErrors.invalid("url", "must be a valid URI", raw, "Check the URL.");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw SourceErrors.invalid("url", "must name a host and carry no credentials", raw,
          "Remove user:password@ from the URL; tokens belong in settings.");
    }
    if (uri.getScheme().equalsIgnoreCase("http") && !allowInsecureHttp && !Downloader.isLoopback(uri.getHost())) {
      throw SourceErrors.invalid("url", "must be https (http only to loopback or when allowInsecureHttp is set)", raw,
          "Use https://, or allow insecure http for a trusted network (HttpSettings allowInsecureHttp; plinth --allow-http).");
    }
    String sha256 = null;
    String fragment = uri.getRawFragment();
    if (fragment != null) {
      if (!fragment.startsWith("sha256=") || !Coords.SHA256_HEX.matcher(fragment.substring(7)).matches()) {
        throw SourceErrors.invalid("url.fragment", "must be sha256=<64 hex characters>", fragment,
            "Append #sha256=<hex> with the archive's sha256, or drop the fragment.");
      }
      sha256 = fragment.substring(7).toLowerCase(Locale.ROOT);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    ArchiveFormat format = ArchiveFormat.fromFileName(path).orElseThrow(() -> new InstallException(
        InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
        "url path must end in .tar.gz, .tgz, .tar, .zip or .jar: " + path,
        "Point at the bundle archive itself.", Map.of("value", path), null));
    String withoutFragment = fragment == null ? raw : raw.substring(0, raw.indexOf('#'));
    return new Url(raw, withoutFragment, format, sha256);
  }

  /**
   * The URL with the {@code &} that separate query parameters blanked out: it is the one
   * meta-character a query needs (presigned download links carry several parameters), and it is
   * allowed there only; the URL never reaches a shell.
   */
  private static String withoutQuerySeparators(String raw) {
    int query = raw.indexOf('?');
    if (query < 0) {
      return raw;
    }
    int fragment = raw.indexOf('#', query);
    int end = fragment < 0 ? raw.length() : fragment;
    return raw.substring(0, query) + raw.substring(query, end).replace('&', '=') + raw.substring(end);
  }

  private static SourceSpec local(String raw) {
    for (char c : raw.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw SourceErrors.invalid("path", "must not contain control characters", raw, "Check the path.");
      }
    }
    Path path;
    try {
      path = Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw SourceErrors.invalid("path", "must be a valid path", raw, "Check the path.");
    }
    if (Files.isDirectory(path)) {
      return new LocalFolder(raw, path);
    }
    var format = ArchiveFormat.fromFileName(path.getFileName() == null ? "" : path.getFileName().toString());
    if (!Files.exists(path)) {
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE,
          "path must exist: " + path, "Check the path; relative paths resolve against " + Path.of("").toAbsolutePath() + ".",
          Map.of("path", path.toString()), null);
    }
    if (format.isEmpty()) {
      throw new InstallException(InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
          "path must be a folder or end in .tar.gz, .tgz, .tar, .zip or .jar: " + path,
          "Point at a bundle folder or a bundle archive.", Map.of("path", path.toString()), null);
    }
    return new LocalArchive(raw, path, format.get());
  }
}
