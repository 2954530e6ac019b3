package dev.plinth.installer.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.StagedBundle;
import dev.plinth.installer.download.DigestAlgorithm;
import dev.plinth.installer.download.DownloadResult;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpText;
import dev.plinth.installer.extract.BundleLayout;
import dev.plinth.installer.extract.ExtractionResult;
import dev.plinth.installer.extract.FileTrees;
import dev.plinth.installer.extract.HostClassCheck;
import dev.plinth.installer.extract.SafeExtractor;
import dev.plinth.installer.source.ManifestChecks;
import dev.plinth.installer.source.ResolvedArtifact;
import dev.plinth.installer.source.SourceResolver;
import dev.plinth.installer.source.SourceSpec;
import dev.plinth.installer.trust.FetchedSignature;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.installer.trust.TrustEvaluator;
import dev.plinth.manifest.BundleAuditor;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.Preflight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages a bundle: {@code resolve → preflight → download → verify → extract}. Every phase is
 * reported to the {@link ProgressListener}; every failure is an {@link InstallException} naming
 * its phase, and leaves {@code stagingDir} empty.
 *
 * <p>Where the manifest is served apart from the archive (GitHub {@code plugin.toml} asset, Maven
 * {@code -plugin.toml}, catalog {@code manifest_url}) preflight runs before the archive is
 * requested. For local folders, local archives and bare URLs the plugin id is known only after
 * extraction: the digest is still checked before extraction, and the signature policy for that id
 * is applied right after extraction, before anything is returned. A URL without
 * {@code #sha256=} is accepted only when a signature verifies or the effective trust mode is not
 * {@code require} (under {@code require} an unsigned archive fails anyway).
 *
 * <p>After extraction the bundle's code is audited by the {@link BundleAuditor} (when one is
 * configured or on the class path) and judged against the plugin's sandbox profile and declared
 * capabilities; a use the profile does not allow and the manifest does not declare fails the
 * extract phase with {@code SANDBOX_CAPABILITY_UNDECLARED}. The report goes into the install record.
 *
 * <p>Thread-safe: one pipeline may stage several bundles concurrently into distinct staging folders.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder()
 *     .trustPolicy(TrustPolicy.load(home.resolve("trust.toml")))
 *     .catalogIndexes(List.of("https://plugins.example.com/index.json"))
 *     .build();
 * StagedBundle staged = pipeline.stage(InstallRequest.of("catalog:acme_redactor@^1.4"), staging, host, progress);
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Pipeline implements BundleStager {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final long SIGNATURE_LIMIT = 1L << 20;

  private final Downloader downloader;
  private final SourceResolver resolver;
  private final TrustEvaluator trust;
  private final SafeExtractor extractor;
  private final Optional<BundleAuditor> auditor;

  Pipeline(PipelineBuilder b) {
    this.auditor = b.auditor();
    this.downloader = Downloader.create(b.http);
    this.resolver = SourceResolver.create(downloader, b.sourceSettings());
    this.trust = TrustEvaluator.create(b.trustPolicy, b.eventSink);
    this.extractor = SafeExtractor.of(b.limits);
  }

  public static PipelineBuilder builder() {
    return new PipelineBuilder();
  }

  /** Parses and resolves a source without downloading the archive (for {@code info} and dry runs). */
  public ResolvedArtifact resolve(String source) {
    return resolver.resolve(SourceSpec.parse(source, downloader.settings().allowInsecureHttp()));
  }

  /**
   * Resolves the source only: the version comes from the release, repository or catalog, and the
   * archive is not downloaded.
   */
  @Override
  public Optional<String> resolveVersion(String pluginId, InstallRequest request) {
    requireNonNull(pluginId, "pluginId");
    ResolvedArtifact art = resolve(requireNonNull(request, "request").source());
    return art.version() != null && pluginId.equals(art.id()) ? Optional.of(art.version()) : Optional.empty();
  }

  @Override
  public StagedBundle stage(InstallRequest request, Path stagingDir, HostProfile host, ProgressListener progress) {
    requireNonNull(request, "request");
    requireNonNull(host, "host");
    requireNonNull(progress, "progress");
    Phase[] phase = {Phase.RESOLVE};
    try {
      Files.createDirectories(stagingDir);
      return run(request, stagingDir.toAbsolutePath(), host, progress, phase);
    } catch (InstallException e) {
      clean(stagingDir);
      throw e;
    } catch (IOException | UncheckedIOException e) {
      clean(stagingDir);
      InstallErrorCode code = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STAGING_IO);
      throw new InstallException(code, phase[0],
          "staging folder must be readable and writable: " + stagingDir + " (" + e + ")",
          code.ioNextStep(String.valueOf(stagingDir.toAbsolutePath().getParent()),
              "Check free space and permissions under the plugin home's staging folder."),
          Map.of("stagingDir", stagingDir.toString()), e);
    } catch (RuntimeException | Error e) {
      clean(stagingDir);
      throw e;
    }
  }

  private StagedBundle run(InstallRequest request, Path stagingDir, HostProfile host, ProgressListener progress,
      Phase[] phase) throws IOException {
    String tx = stagingDir.getFileName() == null ? "tx" : stagingDir.getFileName().toString();

    progress.phaseStarted(Phase.RESOLVE, request.source());
    ResolvedArtifact art = resolver.resolve(SourceSpec.parse(request.source(), downloader.settings().allowInsecureHttp()));
    progress.phaseFinished(Phase.RESOLVE, describe(art));
    if (art.id() != null && art.version() != null) {
      progress.resolved(art.id(), art.version());
    }

    phase[0] = Phase.PREFLIGHT;
    progress.phaseStarted(Phase.PREFLIGHT, art.manifestOrigin() == null ? "deferred until extraction" : art.manifestOrigin());
    if (art.manifestToml() != null) {
      PluginManifest early = check(ManifestParser.parse(art.manifestToml()), art.manifestOrigin(), Phase.PREFLIGHT);
      matches(early, art, Phase.PREFLIGHT);
      compatible(early, host, art.manifestOrigin());
    }
    progress.phaseFinished(Phase.PREFLIGHT, art.manifestToml() == null ? "deferred" : "ok");

    phase[0] = Phase.DOWNLOAD;
    DownloadResult download = null;
    if (art.kind() != ResolvedArtifact.Kind.FOLDER) {
      progress.phaseStarted(Phase.DOWNLOAD, art.location());
      Path target = stagingDir.resolve("download").resolve(art.fileName());
      Set<DigestAlgorithm> algorithms = art.digest() == null ? Set.of() : Set.of(art.digest().algorithm());
      download = art.kind() == ResolvedArtifact.Kind.HTTP
          ? downloader.download(art.location(), target, algorithms, progress)
          : downloader.copyLocal(Path.of(art.location()), target, algorithms, progress);
      progress.phaseFinished(Phase.DOWNLOAD, download.size() + " bytes");
    }

    phase[0] = Phase.VERIFY;
    progress.phaseStarted(Phase.VERIFY, art.digest() == null ? "no published digest" : art.digest().origin());
    if (download != null && art.digest() != null) {
      art.digest().verify(download, art.location());
    } else if (download != null) {
      LOG.warn("{} has no published digest; its integrity rests on the signature policy", art.location());
    }
    List<FetchedSignature> signatures = request.skipSignatureVerify() ? List.of() : fetchSignatures(art);
    SignatureVerdict verdict = null;
    if (art.id() != null && art.version() != null && download != null) {
      verdict = trust.evaluate(art.id(), art.version(), download.file(), signatures, request, tx);
    }
    progress.phaseFinished(Phase.VERIFY, verdict == null ? "signature check deferred until the id is known" : verdict.method());

    phase[0] = Phase.EXTRACT;
    progress.phaseStarted(Phase.EXTRACT, art.fileName());
    Path bundleDir = stagingDir.resolve("bundle");
    ExtractionResult extracted = download == null
        ? extractor.copyFolder(Path.of(art.location()), bundleDir)
        : extractor.extract(download.file(), art.format(), bundleDir);
    BundleLayout layout = BundleLayout.locate(extracted);
    PluginManifest manifest = check(ManifestParser.parse(layout.manifestFile()), "bundle plugin.toml", Phase.EXTRACT);
    progress.resolved(manifest.id(), manifest.version());
    matches(manifest, art, Phase.EXTRACT);
    compatible(manifest, host, "bundle plugin.toml");
    HostClassCheck.check(layout, host.exportedPackages());
    CapabilityReport audit = auditor.map(a -> Audits.audit(a, layout.bundleRoot(), manifest, host)).orElse(null);
    if (verdict == null) {
      phase[0] = Phase.VERIFY;
      Path signed = download == null ? layout.bundleRoot() : download.file();
      verdict = trust.evaluate(manifest.id(), manifest.version(), signed, signatures, request, tx);
    }
    if (download != null) {
      FileTrees.deleteRecursively(download.file().getParent());
    }
    progress.phaseFinished(Phase.EXTRACT, manifest.id() + " " + manifest.version());
    return new StagedBundle(manifest, stagingDir, layout.bundleRoot(), request.source(),
        download == null ? null : download.sha256(), layout.fileDigests(), verdict, audit);
  }

  private static PluginManifest check(ManifestReport report, @Nullable String origin, Phase phase) {
    if (!report.ok()) {
      throw ManifestChecks.preflightFailed(report, String.valueOf(origin), phase);
    }
    return report.manifest().orElseThrow();
  }

  private static void compatible(PluginManifest manifest, HostProfile host, @Nullable String origin) {
    ManifestReport report = Preflight.check(manifest, host);
    if (!report.ok()) {
      throw ManifestChecks.preflightFailed(report, String.valueOf(origin), Phase.PREFLIGHT);
    }
  }

  private static void matches(PluginManifest m, ResolvedArtifact art, Phase phase) {
    boolean idOk = art.id() == null || art.id().equals(m.id());
    boolean versionOk = art.version() == null || art.version().equals(m.version());
    if (!idOk || !versionOk) {
      String expected = (art.id() == null ? "?" : art.id()) + " " + (art.version() == null ? "?" : art.version());
      throw new InstallException(InstallErrorCode.MANIFEST_MISMATCH, phase,
          "plugin.toml id and version must match the resolved " + expected + ": " + m.id() + " " + m.version(),
          "The archive does not hold the plugin the source announced; report it to the publisher.",
          Map.of("expectedId", String.valueOf(art.id()), "expectedVersion", String.valueOf(art.version()),
              "actualId", m.id(), "actualVersion", m.version()), null);
    }
  }

  private List<FetchedSignature> fetchSignatures(ResolvedArtifact art) throws IOException {
    List<FetchedSignature> out = new ArrayList<>();
    for (SignatureMaterial m : art.signatures()) {
      if (m.local()) {
        Path p = Path.of(m.location());
        if (Files.size(p) > SIGNATURE_LIMIT) {
          throw new InstallException(InstallErrorCode.SIGNATURE_INVALID, Phase.VERIFY,
              "signature file must be at most " + SIGNATURE_LIMIT + " bytes: " + p, "Use the real signature file.",
              Map.of("path", p.toString()), null);
        }
        out.add(new FetchedSignature(m.kind(), Files.readAllBytes(p), p.toString()));
        continue;
      }
      HttpText t = downloader.getText(m.location(), Map.of(), SIGNATURE_LIMIT, Phase.VERIFY);
      if (t.ok()) {
        out.add(new FetchedSignature(m.kind(), t.body().getBytes(StandardCharsets.UTF_8), m.location()));
      } else if (!m.optional()) {
        throw new InstallException(InstallErrorCode.HTTP_ERROR, Phase.VERIFY,
            "signature material must be downloadable: " + m.location() + " (HTTP " + t.status() + ")",
            "Check the release assets; try again.", Map.of("url", m.location(), "status", t.status()), null);
      }
    }
    return out;
  }

  private static String describe(ResolvedArtifact art) {
    return (art.id() == null ? "" : art.id() + " " + art.version() + " from ") + art.location();
  }

  private static void clean(Path stagingDir) {
    try {
      FileTrees.clear(stagingDir);
    } catch (RuntimeException e) {
      LOG.error("could not clean staging folder {}: {}", stagingDir, e.toString());
    }
  }
}
