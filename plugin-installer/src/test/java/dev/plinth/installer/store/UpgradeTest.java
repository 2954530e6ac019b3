package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.StagedBundle;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeTest {
  @TempDir Path tmp;

  /**
   * Stages the bundle in {@code folder}, as a remote source would have downloaded it, and records
   * {@code request}'s source (and {@code commit}) as where it came from.
   */
  private static StagedBundle stagedFrom(FolderStager folders, String folder, InstallRequest request, Path dir,
      HostProfile host, ProgressListener progress, @Nullable String commit) {
    StagedBundle b = folders.stage(InstallRequest.of(folder), dir, host, progress);
    return new StagedBundle(b.manifest(), b.stagingDir(), b.bundleRoot(), request.source(), commit, b.fileDigests(), b.signature());
  }

  @Test
  void upgrade_folderSourceChangedInPlace_installsTheNewVersion() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    Path src = Bundles.write(fx.bundles, "alpha", "1.0.0");
    store.install(FolderStagerRequests.of(src.toString()));
    assertThat(store.upgrade("alpha")).isEqualTo(new InstallOutcome.AlreadyInstalled("alpha", "1.0.0"));

    Files.writeString(src.resolve("plugin.toml"), Files.readString(src.resolve("plugin.toml")).replace("1.0.0", "1.1.0"));

    assertThat(store.upgrade("alpha")).isEqualTo(new InstallOutcome.Upgraded("alpha", "1.0.0", "1.1.0"));
  }

  @Test
  void upgrade_pinnedPlugin_isRefused() {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.updateState("alpha", s -> s.withPinnedVersion("1.0.0"));

    InstallOutcome o = store.upgrade("alpha");

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.phase()).isEqualTo(Phase.RESOLVE);
      assertThat(f.cause().code()).isEqualTo("PLUGIN_PINNED");
      assertThat(f.cause().message()).isEqualTo("plugin.pinned_version holds alpha at: 1.0.0");
    });
    assertThat(store.upgrade("ghost")).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("PLUGIN_NOT_INSTALLED"));
  }

  @Test
  void upgrade_githubSourceWithTag_reResolvesWithoutTheTag() {
    StoreFixture fx = new StoreFixture(tmp);
    List<String> asked = new CopyOnWriteArrayList<>();
    String v1 = fx.bundle("alpha", "1.0.0");
    String v2 = fx.bundle("alpha", "2.0.0");
    FolderStager folders = new FolderStager();
    // a stand-in for the GitHub resolver: @v1.0.0 is the v1 folder, no tag is the latest (v2)
    PluginStore store = PluginStore.builder().home(fx.home).stager((request, dir, host, progress) -> {
      asked.add(request.source());
      String folder = request.source().endsWith("@v1.0.0") ? v1 : v2;
      return stagedFrom(folders, folder, request, dir, host, progress, "ab12");
    }).build();
    store.install(InstallRequest.of("github:acme/alpha@v1.0.0"));

    InstallOutcome o = store.upgrade("alpha");

    assertThat(o).isEqualTo(new InstallOutcome.Upgraded("alpha", "1.0.0", "2.0.0"));
    assertThat(asked).containsExactly("github:acme/alpha@v1.0.0", "github:acme/alpha");
    assertThat(store.info("alpha").orElseThrow().current().orElseThrow().source()).isEqualTo("github:acme/alpha");
  }

  @Test
  void upgrade_sourceNowServesAnotherPlugin_failsWithManifestMismatch() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    Path src = Bundles.write(fx.bundles, "alpha", "1.0.0");
    store.install(FolderStagerRequests.of(src.toString()));
    Files.writeString(src.resolve("plugin.toml"), "[plugin]\nid = \"omega\"\nversion = \"9.0.0\"\n");

    InstallOutcome o = store.upgrade("alpha");

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("MANIFEST_MISMATCH");
      assertThat(f.cause().message()).isEqualTo("plugin.id from source " + src + " should be alpha: omega");
    });
    assertThat(store.info("omega")).isEmpty();
  }

  @Test
  void checkUpdates_defaultChecker_stagesReadsAndCleansUp() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    Path alpha = Bundles.write(fx.bundles, "alpha", "1.0.0");
    store.install(FolderStagerRequests.of(alpha.toString()));
    store.install(FolderStagerRequests.of(fx.bundle("beta", "1.0.0")));
    store.updateState("beta", s -> s.withPinnedVersion("1.0.0"));
    Files.writeString(alpha.resolve("plugin.toml"), Files.readString(alpha.resolve("plugin.toml")).replace("1.0.0", "1.2.0"));
    AtomicFiles.deleteTree(fx.bundles.resolve("beta-1.0.0"));

    List<UpdateCheck> checks = store.checkUpdates();

    assertThat(checks).hasSize(2);
    assertThat(checks.get(0)).isEqualTo(new UpdateCheck("alpha", "1.0.0", alpha.toString(), "1.2.0", true, null, null));
    assertThat(checks.get(1).updateAvailable()).isFalse();
    assertThat(checks.get(1).pinnedVersion()).isEqualTo("1.0.0");
    assertThat(checks.get(1).error().code()).isEqualTo("SOURCE_NOT_FOUND");
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
    assertThat(store.info("alpha").orElseThrow().currentVersion()).isEqualTo("1.0.0");
  }

  @Test
  void checkUpdates_customChecker_isAskedWithUnpinnedSource() {
    StoreFixture fx = new StoreFixture(tmp);
    FolderStager folders = new FolderStager();
    String v1 = fx.bundle("alpha", "1.0.0");
    List<String> asked = new CopyOnWriteArrayList<>();
    PluginStore store = PluginStore.builder().home(fx.home)
        .stager((r, d, h, p) -> {
          return stagedFrom(folders, v1, r, d, h, p, null);
        })
        .updateChecker((id, source) -> {
          asked.add(id + " " + source);
          if (source.startsWith("catalog:")) {
            throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE, "catalog gone: x", "x");
          }
          return "0.9.0";
        }).build();
    store.install(InstallRequest.of("github:acme/alpha@v1.0.0"));

    assertThat(store.checkUpdates()).singleElement().satisfies(c -> {
      assertThat(c.latestVersion()).isEqualTo("0.9.0");
      assertThat(c.updateAvailable()).isFalse();
    });
    assertThat(asked).containsExactly("alpha github:acme/alpha");
  }

  @Test
  void checkUpdates_stagerResolvesVersion_noStagingAndNoLockNeeded() {
    StoreFixture fx = new StoreFixture(tmp);
    FolderStager folders = new FolderStager();
    String v1 = fx.bundle("alpha", "1.0.0");
    List<String> staged = new CopyOnWriteArrayList<>();
    List<String> resolved = new CopyOnWriteArrayList<>();
    BundleStager remote = new BundleStager() {
      @Override
      public StagedBundle stage(InstallRequest r, Path d, HostProfile h, ProgressListener p) {
        staged.add(r.source());
        return stagedFrom(folders, v1, r, d, h, p, null);
      }

      @Override
      public Optional<String> resolveVersion(String pluginId, InstallRequest r) {
        resolved.add(pluginId + " " + r.source());
        return Optional.of("1.3.0");
      }
    };
    PluginStore store = PluginStore.builder().home(fx.home).stager(remote).build();
    store.install(InstallRequest.of("github:acme/alpha@v1.0.0"));

    assertThat(store.checkUpdates()).singleElement().satisfies(c -> {
      assertThat(c.latestVersion()).isEqualTo("1.3.0");
      assertThat(c.updateAvailable()).isTrue();
    });
    assertThat(resolved).containsExactly("alpha github:acme/alpha");
    assertThat(staged).containsExactly("github:acme/alpha@v1.0.0");
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
  }
}
