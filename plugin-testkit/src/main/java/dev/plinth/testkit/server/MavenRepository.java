package dev.plinth.testkit.server;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * Serves artifacts in the Maven repository layout under {@link #PREFIX}:
 * {@code <group path>/<artifact>/<version>/<artifact>-<version>[-<classifier>].<ext>} with
 * checksum files, an optional {@code .asc}, {@code <artifact>-<version>-plugin.toml}, and
 * {@code <group path>/<artifact>/maven-metadata.xml} listing every version published. Guarded by
 * the {@link ReleaseServer}'s lock.
 */
final class MavenRepository {
  static final String PREFIX = "/maven";

  private final Routes routes;
  private final String baseUrl;
  private final Map<String, Set<String>> versions = new LinkedHashMap<>();

  MavenRepository(Routes routes, String baseUrl) {
    this.routes = routes;
    this.baseUrl = baseUrl;
  }

  PublishedArtifact publish(String group, String artifact, String version, BuiltBundle archive,
      MavenOptions options) {
    if (!group.matches("[A-Za-z0-9_.-]+") || !artifact.matches("[A-Za-z0-9_.-]+")
        || !version.matches("[A-Za-z0-9_.+-]+")) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "maven coordinates invalid: " + group + ":" + artifact + ":" + version,
          "Use letters, digits, '.', '_' and '-' in group, artifact and version.");
    }
    String artifactDir = PREFIX + "/" + group.replace('.', '/') + "/" + artifact;
    String dir = artifactDir + "/" + version;
    String extension = archive.format().extension();
    String base = artifact + "-" + version
        + (options.classifier() == null ? "" : "-" + options.classifier());
    String archivePath = dir + "/" + base + extension;
    byte[] data = archive.bytes();
    routes.serve(archivePath, data, ReleaseAssets.contentType(archivePath));
    for (MavenChecksum c : options.checksums()) {
      byte[] hashed = options.wrongDigests() ? ("not " + base).getBytes(StandardCharsets.UTF_8) : data;
      routes.serve(archivePath + "." + c.extension(),
          Checksums.hex(c.algorithm(), hashed).getBytes(StandardCharsets.US_ASCII), "text/plain");
    }
    String signaturePath = serveSignature(archivePath, archive, data, options);
    String manifestPath = null;
    if (options.publishManifest() && archive.manifest() != null) {
      manifestPath = dir + "/" + artifact + "-" + version + "-plugin.toml";
      routes.serve(manifestPath, archive.manifest().getBytes(StandardCharsets.UTF_8),
          "application/toml");
    }
    Set<String> known = versions.computeIfAbsent(artifactDir, k -> new LinkedHashSet<>());
    known.add(version);
    routes.serve(artifactDir + "/maven-metadata.xml",
        metadata(group, artifact, known).getBytes(StandardCharsets.UTF_8), "application/xml");
    String coordinates = group + ":" + artifact + ":" + version
        + (options.classifier() == null ? "" : ":" + options.classifier());
    return new PublishedArtifact(coordinates, baseUrl, archivePath, manifestPath, signaturePath);
  }

  private @Nullable String serveSignature(String archivePath, BuiltBundle archive, byte[] data,
      MavenOptions options) {
    byte[] asc = null;
    if (options.signer() != null) {
      asc = options.signer().signText(data).getBytes(StandardCharsets.US_ASCII);
    } else if (archive.signature() != null && archive.signature().toString().endsWith(".asc")) {
      try {
        asc = Files.readAllBytes(archive.signature());
      } catch (IOException e) {
        throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
            "signature file unreadable: " + archive.signature(), "Rebuild the bundle.", e);
      }
    }
    if (asc == null) {
      return null;
    }
    routes.serve(archivePath + ".asc", asc, "text/plain");
    return archivePath + ".asc";
  }

  private static String metadata(String group, String artifact, Set<String> known) {
    List<String> sorted = new ArrayList<>(known);
    sorted.sort((a, b) -> compare(a, b));
    String latest = sorted.get(sorted.size() - 1);
    String release = sorted.stream().filter(v -> {
      Semver s = Semver.parse(v);
      return s == null || s.isStable();
    }).reduce((a, b) -> b).orElse(latest);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n")
        .append("  <groupId>").append(group).append("</groupId>\n")
        .append("  <artifactId>").append(artifact).append("</artifactId>\n")
        .append("  <versioning>\n")
        .append("    <latest>").append(latest).append("</latest>\n")
        .append("    <release>").append(release).append("</release>\n")
        .append("    <versions>\n");
    sorted.forEach(v -> xml.append("      <version>").append(v).append("</version>\n"));
    return xml.append("    </versions>\n    <lastUpdated>20200101000000</lastUpdated>\n")
        .append("  </versioning>\n</metadata>\n").toString();
  }

  private static int compare(String a, String b) {
    Semver x = Semver.parse(a);
    Semver y = Semver.parse(b);
    return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
  }
}
