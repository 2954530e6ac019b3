package dev.plinth.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.release.BlobSigner;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * {@code plinth:sign}: signs the archive {@code pack} wrote, the way {@code cosign sign-blob --key}
 * does ({@code .sig} = base64 signature, {@code .pub} = PEM public key a trust policy can pin), with
 * an unencrypted PEM ECDSA P-256/P-384 or Ed25519 key. With {@code generateKey} a missing key file
 * is created as a fresh Ed25519 key (owner-only permissions): a development key, never a release key.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Mojo(name = "sign", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class SignMojo extends ArchiveGoal {
  /** The PEM private key. */
  @Parameter(property = "plinth.signKey", defaultValue = "${project.basedir}/plinth-signing-key.pem")
  @Nullable File key;

  /** Create an Ed25519 key at {@code key} when the file does not exist. */
  @Parameter(property = "plinth.generateKey", defaultValue = "false")
  boolean generateKey;

  /** The archive to sign; by default the one {@code pack} wrote in this build. */
  @Parameter(property = "plinth.archive")
  @Nullable File archive;

  /** Public for Maven's injector. */
  public SignMojo() {
    super("sign");
  }

  @Override
  void run() throws MojoFailureException {
    Path toSign = archiveToSign();
    Path keyFile = required(key).toPath();
    if (!Files.isRegularFile(keyFile)) {
      if (!generateKey) {
        throw GoalFailure.of(MavenErrorCode.SIGN_KEY_MISSING, "signing key must exist: " + keyFile,
            "Create one with: openssl genpkey -algorithm ed25519 -out " + keyFile
                + " (or pass -Dplinth.signKey=<pem>, or set <generateKey>true</generateKey> for a development key).");
      }
      try {
        SigningKeys.generateEd25519(keyFile);
      } catch (IOException e) {
        throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "signing key cannot be written: " + keyFile, "Check that the folder is writable.");
      }
      getLog().warn("plinth:sign generated a development Ed25519 key at " + keyFile
          + "; keep it out of version control and use your release key for published bundles");
    }
    BlobSigner.SignatureFiles files;
    try {
      files = BlobSigner.signBeside(keyFile, toSign);
    } catch (PlinthException e) {
      throw GoalFailure.of(e);
    } catch (IOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "signature cannot be written beside " + toSign + ": " + e.getMessage(),
          "Check that the output folder is writable.");
    }
    getLog().info("plinth:sign " + files.signed().algorithm() + " -> " + files.signatureFile().getFileName()
        + ", " + files.publicKeyFile().getFileName());
    if (attach && projectHelper != null && project != null) {
      String classifier = classifier();
      projectHelper.attachArtifact(project, "tar.gz.sig", classifier, files.signatureFile().toFile());
      projectHelper.attachArtifact(project, "tar.gz.pub", classifier, files.publicKeyFile().toFile());
    }
  }

  private Path archiveToSign() throws MojoFailureException {
    if (archive != null) {
      return existing(archive.toPath());
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<Object, Object> context = (Map) getPluginContext();
    if (context != null && context.get(PackMojo.ARCHIVE_KEY) instanceof Path packed) {
      return existing(packed);
    }
    ManifestReport report = ManifestParser.parse(ProjectBundle.manifest(required(manifest)));
    PluginManifest m = report.manifest().orElseThrow(() -> GoalFailure.of(MavenErrorCode.ARCHIVE_MISSING,
        "archive name needs a readable plugin.toml: " + manifest, "Run plinth:pack first (mvn package)."));
    return existing(required(outputDirectory).toPath().resolve(m.id() + "-" + m.version() + "-" + target + ".tar.gz"));
  }

  private static Path existing(Path file) throws MojoFailureException {
    if (!Files.isRegularFile(file)) {
      throw GoalFailure.of(MavenErrorCode.ARCHIVE_MISSING, "archive to sign must exist: " + file,
          "Run plinth:pack first (mvn package), or pass -Dplinth.archive=<file>.");
    }
    return file;
  }
}
