package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed install names the plugin once the stager resolved its id, else the source. */
class PluginStoreResolvedIdTest {
  @TempDir Path tmp;

  @Test
  void install_pipelineFailsAfterExtraction_failedCarriesManifestId() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    Path archive = TestArchives.write(tmp.resolve("acme_tool-1.0.0.tar.gz"), TestArchives.bundleTarGz("acme_tool", "1.0.0"));
    PluginStore store = PluginStore.builder().home(fx.home).stager(Pipeline.builder().build())
        .activator(fx.activator).hostProfile(() -> HostProfile.of("h", null)).build();

    InstallOutcome o = store.install(InstallRequest.of(archive.toString()));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.pluginId()).isEqualTo("acme_tool");
      assertThat(f.cause().code()).isEqualTo("PREFLIGHT_FAILED");
    });
    assertThat(fx.events("rolled_back")).singleElement()
        .satisfies(e -> assertThat(e.pluginId()).isEqualTo("acme_tool"));
  }

  @Test
  void install_stagerFailsAtVerifyAfterResolve_failedCarriesResolvedId() {
    StoreFixture fx = new StoreFixture(tmp);
    BundleStager catalogLike = (request, staging, host, progress) -> {
      progress.phaseStarted(Phase.RESOLVE, request.source());
      progress.resolved("acme_redactor", "1.4.2");
      progress.phaseStarted(Phase.VERIFY, "sha256");
      throw new InstallException(InstallErrorCode.DIGEST_MISMATCH, Phase.VERIFY,
          "artifact sha256 must match the published digest: 00", "Retry the download.");
    };
    PluginStore store = PluginStore.builder().home(fx.home).stager(catalogLike).activator(fx.activator).build();

    InstallOutcome o = store.install(InstallRequest.of("catalog:acme_redactor@^1.4"));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.pluginId()).isEqualTo("acme_redactor");
      assertThat(f.phase()).isEqualTo(Phase.VERIFY);
    });
  }

  @Test
  void install_stagerFailsAtResolve_failedCarriesSource() {
    StoreFixture fx = new StoreFixture(tmp);
    BundleStager unresolvable = (request, staging, host, progress) -> {
      progress.phaseStarted(Phase.RESOLVE, request.source());
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE,
          "source must exist: " + request.source(), "Check the source.");
    };
    PluginStore store = PluginStore.builder().home(fx.home).stager(unresolvable).activator(fx.activator).build();

    InstallOutcome o = store.install(InstallRequest.of("catalog:ghost"));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.pluginId()).isEqualTo("catalog:ghost");
      assertThat(f.phase()).isEqualTo(Phase.RESOLVE);
    });
  }
}
