package dev.plinth.installer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.StagedBundle;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.trust.TestKeys;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLocalTest {
  static final HostProfile HOST = PipelineGitHubTest.HOST;

  @TempDir Path temp;

  @Test
  void stage_localFolder_copiedWithDigestsAndWarningEvent() throws Exception {
    Path src = Files.createDirectories(temp.resolve("src/lib"));
    Files.writeString(temp.resolve("src/plugin.toml"), TestArchives.manifest("acme_local", "0.1.0"));
    Files.writeString(src.resolve("a.txt"), "a");
    List<PlinthEvent> events = new ArrayList<>();
    Pipeline p = Pipeline.builder().eventSink(events::add).build();

    StagedBundle b = p.stage(InstallRequest.of(temp.resolve("src").toString()), temp.resolve("staging/tx9"), HOST, PipelineTesting.NONE);

    assertThat(b.id()).isEqualTo("acme_local");
    assertThat(b.archiveSha256()).isNull();
    assertThat(b.fileDigests()).containsOnlyKeys("plugin.toml", "lib/a.txt");
    assertThat(b.signature().warning()).startsWith("SIGNATURE_MISSING");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("signature_warning");
      assertThat(e.correlationId()).isEqualTo("tx9");
    });
  }

  @Test
  void stage_localArchiveWithSiblingSignatureAndDigest_verified() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz("acme_tool", "3.0.0");
    Path archive = TestArchives.write(temp.resolve("dist/acme_tool-3.0.0.tar.gz"), tarball);
    KeyPair key = TestKeys.ed25519();
    Files.write(temp.resolve("dist/acme_tool-3.0.0.tar.gz.sig"), TestKeys.cosignSign(key, tarball));
    Files.writeString(temp.resolve("dist/acme_tool-3.0.0.tar.gz.sha256"), PipelineTesting.sha256(tarball) + "  acme_tool-3.0.0.tar.gz\n");
    TestKeys.writeString(temp.resolve("trust/k.pub"), TestKeys.pem(key));
    TestKeys.writeString(temp.resolve("trust/trust.toml"), "default_mode = \"require\"\n[[authors]]\nplugins = [\"acme_*\"]\nkeys = [\"k.pub\"]\n");
    Pipeline p = Pipeline.builder().trustPolicy(TrustPolicy.load(temp.resolve("trust/trust.toml"))).build();

    StagedBundle b = p.stage(InstallRequest.of(archive.toString()), temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(b.signature().verified()).isTrue();
    assertThat(b.signature().method()).isEqualTo("cosign-key");
    assertThat(b.archiveSha256()).isEqualTo(PipelineTesting.sha256(tarball));
  }

  @Test
  void stage_readonlyCorpusArchive_layoutInvalidAndStagingEmpty() throws Exception {
    Path archive = corpus("zip-slip-symlink/zip/readonly-slip.zip");

    InstallException e = PipelineTesting.fail(() -> Pipeline.builder().build()
        .stage(InstallRequest.of(archive.toString()), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.BUNDLE_LAYOUT_INVALID);
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_slipCorpusArchive_entryUnsafeAndStagingEmpty() throws Exception {
    Path archive = corpus("zip-slip-symlink/compress/gz/dotdot-slip.tar.gz");
    boolean pwnedBefore = Files.exists(Path.of("/tmp/PWNED.txt"));

    InstallException e = PipelineTesting.fail(() -> Pipeline.builder().build()
        .stage(InstallRequest.of(archive.toString()), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_ENTRY_UNSAFE);
    assertThat(e.phase()).isEqualTo(Phase.EXTRACT);
    assertThat(e.details()).containsEntry("reason", "path-traversal");
    PipelineTesting.assertEmpty(temp.resolve("s"));
    assertThat(Files.exists(Path.of("/tmp/PWNED.txt"))).as("written outside staging").isEqualTo(pwnedBefore);
  }

  @Test
  void stage_localFolderWithoutManifest_layoutInvalid() throws Exception {
    Files.createDirectories(temp.resolve("empty/x"));

    InstallException e = PipelineTesting.fail(() -> Pipeline.builder().build()
        .stage(InstallRequest.of(temp.resolve("empty").toString()), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.BUNDLE_LAYOUT_INVALID);
  }

  @Test
  void stage_bundleWithoutHostVersionProfile_preflightFailedAfterExtraction() throws Exception {
    Path archive = TestArchives.write(temp.resolve("acme_tool-1.0.0.tar.gz"), TestArchives.bundleTarGz("acme_tool", "1.0.0"));

    InstallException e = PipelineTesting.fail(() -> Pipeline.builder().build()
        .stage(InstallRequest.of(archive.toString()), temp.resolve("s"), HostProfile.of("h", null), PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.PREFLIGHT_FAILED);
    assertThat(e.phase()).isEqualTo(Phase.PREFLIGHT);
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void builder_settingTwice_rejectedNamingOldValue() {
    PipelineBuilder b = Pipeline.builder().target("linux-x86_64");

    IllegalStateException e = org.assertj.core.api.Assertions.catchThrowableOfType(IllegalStateException.class,
        () -> b.target("darwin-aarch64"));

    assertThat(e).hasMessage("target was already set: linux-x86_64");
  }

  static Path corpus(String name) throws Exception {
    return Path.of(Objects.requireNonNull(PipelineLocalTest.class.getResource("/fixtures/archives/" + name)).toURI());
  }
}
