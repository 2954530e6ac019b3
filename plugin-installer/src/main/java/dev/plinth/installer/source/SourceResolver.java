package dev.plinth.installer.source;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.download.DigestAlgorithm;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.ExpectedDigest;
import dev.plinth.installer.trust.SignatureMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code resolve} phase: turns a {@link SourceSpec} into a {@link ResolvedArtifact}. Makes
 * only small metadata requests (release JSON, digests, manifests), never the archive itself.
 * Thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class SourceResolver {
  private final GitHubResolver github;
  private final MavenResolver maven;
  private final CatalogResolver catalog;

  private SourceResolver(Downloader downloader, SourceSettings settings) {
    this.github = new GitHubResolver(downloader, settings);
    this.maven = new MavenResolver(downloader, settings);
    this.catalog = new CatalogResolver(downloader, settings);
  }

  public static SourceResolver create(Downloader downloader, SourceSettings settings) {
    return new SourceResolver(requireNonNull(downloader, "downloader"), requireNonNull(settings, "settings"));
  }

  /**
   * Resolves a source.
   *
   * @throws dev.plinth.installer.InstallException typed, phase {@code resolve} (or {@code preflight}
   *     when a separately served manifest cannot even be read)
   */
  public ResolvedArtifact resolve(SourceSpec spec) {
    if (spec instanceof SourceSpec.LocalFolder f) {
      return new ResolvedArtifact(f, null, null, ResolvedArtifact.Kind.FOLDER, f.path().toString(), null,
          f.path().getFileName() == null ? "bundle" : f.path().getFileName().toString(), null, List.of(), null, null);
    }
    if (spec instanceof SourceSpec.LocalArchive a) {
      return localArchive(a);
    }
    if (spec instanceof SourceSpec.Url u) {
      ExpectedDigest digest = u.sha256() == null ? null : new ExpectedDigest(DigestAlgorithm.SHA256, u.sha256(), "url fragment");
      String path = java.net.URI.create(u.url()).getRawPath(); // the archive's name, without a query
      String last = path.substring(path.lastIndexOf('/') + 1);
      String fileName = last.matches("[A-Za-z0-9._+-]{1,200}") ? last : "bundle" + u.format().extension();
      return new ResolvedArtifact(u, null, null, ResolvedArtifact.Kind.HTTP, u.url(), u.format(), fileName, digest,
          List.of(), null, null);
    }
    if (spec instanceof SourceSpec.GitHub g) {
      return github.resolve(g);
    }
    if (spec instanceof SourceSpec.Maven m) {
      return maven.resolve(m);
    }
    if (spec instanceof SourceSpec.Catalog c) {
      return catalog.resolve(c);
    }
    throw new IllegalStateException("unknown source " + spec);
  }

  /** Sibling files {@code <archive>.sha256}, {@code .sigstore.json}, {@code .sig}, {@code .asc}, {@code .pub}. */
  private static ResolvedArtifact localArchive(SourceSpec.LocalArchive a) {
    Path p = a.path();
    String name = p.getFileName().toString();
    ExpectedDigest digest = null;
    Path sha = p.resolveSibling(name + ".sha256");
    if (Files.isRegularFile(sha)) {
      try {
        digest = new ExpectedDigest(DigestAlgorithm.SHA256, Files.readString(sha, StandardCharsets.UTF_8), sha.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<SignatureMaterial> signatures = new ArrayList<>();
    sibling(p, ".sigstore.json", SignatureMaterial.Kind.SIGSTORE_BUNDLE, signatures);
    sibling(p, ".sig", SignatureMaterial.Kind.COSIGN_SIGNATURE, signatures);
    sibling(p, ".asc", SignatureMaterial.Kind.PGP_SIGNATURE, signatures);
    sibling(p, ".pub", SignatureMaterial.Kind.PUBLISHED_KEY, signatures);
    String fileName = name.matches("[A-Za-z0-9._+-]{1,200}") ? name : "bundle" + a.format().extension();
    return new ResolvedArtifact(a, null, null, ResolvedArtifact.Kind.FILE, p.toString(), a.format(), fileName, digest,
        signatures, null, null);
  }

  private static void sibling(Path archive, String suffix, SignatureMaterial.Kind kind, List<SignatureMaterial> out) {
    Path s = archive.resolveSibling(archive.getFileName() + suffix);
    if (Files.isRegularFile(s)) {
      out.add(new SignatureMaterial(kind, s.toString(), false));
    }
  }
}
