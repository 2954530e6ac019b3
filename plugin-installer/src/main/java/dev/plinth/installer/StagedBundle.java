package dev.plinth.installer;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the pipeline's front half and the store: a bundle that was resolved,
 * preflighted, downloaded, verified and safely extracted into {@code bundleRoot} (a folder inside
 * {@code stagingDir}, on the same file system as the store so the final move is a rename).
 *
 * @param manifest the bundle's own validated manifest (it matched the resolved id and version)
 * @param stagingDir {@code <home>/staging/<tx>/}, removed by whoever consumes the bundle
 * @param bundleRoot the extracted bundle folder holding {@code plugin.toml}
 * @param sourceSpec the source string as the user gave it (re-resolved by {@code upgrade})
 * @param archiveSha256 the sha256 of the downloaded archive, or null for a local folder
 * @param fileDigests sha256 of every extracted file, by path relative to {@code bundleRoot} with {@code /}
 * @param signature the signature verdict
 * @param audit the capability audit of the bundle's code, or null when no {@link
 *     dev.plinth.manifest.BundleAuditor} was available
 */
@API(status = STABLE, since = "0.1")
public record StagedBundle(
    PluginManifest manifest,
    Path stagingDir,
    Path bundleRoot,
    String sourceSpec,
    @Nullable String archiveSha256,
    Map<String, String> fileDigests,
    SignatureVerdict signature,
    @Nullable CapabilityReport audit) {
  public StagedBundle {
    requireNonNull(manifest, "manifest");
    requireNonNull(stagingDir, "stagingDir");
    requireNonNull(bundleRoot, "bundleRoot");
    requireNonNull(sourceSpec, "sourceSpec");
    fileDigests = Collections.unmodifiableMap(new TreeMap<>(fileDigests));
    requireNonNull(signature, "signature");
  }

  /** A bundle that was not audited. */
  public StagedBundle(PluginManifest manifest, Path stagingDir, Path bundleRoot, String sourceSpec,
      @Nullable String archiveSha256, Map<String, String> fileDigests, SignatureVerdict signature) {
    this(manifest, stagingDir, bundleRoot, sourceSpec, archiveSha256, fileDigests, signature, null);
  }

  public String id() {
    return manifest.id();
  }

  public String version() {
    return manifest.version();
  }
}
