package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PluginStoreTest {
  @TempDir Path tmp;
  StoreFixture fx;

  @BeforeEach
  void setUp() {
    fx = new StoreFixture(tmp);
  }

  @ParameterizedTest
  @EnumSource(value = PointerStyle.class, names = {"SYMLINK", "POINTER_FILE"})
  void install_freshPlugin_writesLayoutStateLockAndEvent(PointerStyle style) throws Exception {
    PluginStore store = fx.open(style);
    InstallOutcome o = store.install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true).withAcknowledgePermissions(true));

    assertThat(o).isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
    assertThat(store.pointerStyle()).isEqualTo(style);
    Path pluginDir = fx.home.resolve("plugins/alpha");
    if (style == PointerStyle.SYMLINK) {
      assertThat(Files.readSymbolicLink(pluginDir.resolve("current"))).isEqualTo(Path.of("versions/1.0.0"));
      assertThat(pluginDir.resolve("current.txt")).doesNotExist();
    } else {
      assertThat(Files.readString(pluginDir.resolve("current.txt"))).isEqualTo("versions/1.0.0\n");
      assertThat(pluginDir.resolve("current")).doesNotExist();
    }
    assertThat(pluginDir.resolve("versions/1.0.0/classes/com/example/Main.class")).hasContent("payload of alpha 1.0.0");
    InstallRecord record = InstallRecord.read(pluginDir.resolve("versions/1.0.0")).orElseThrow();
    assertThat(record.files()).containsOnlyKeys("plugin.toml", "classes/com/example/Main.class", "lib/dep.jar");
    assertThat(record.source()).isEqualTo(fx.bundles.resolve("alpha-1.0.0").toString());
    assertThat(record.treeSha256()).isEqualTo(TreeDigest.of(record.files()));
    assertThat(store.currentDir("alpha")).contains(pluginDir.resolve("versions/1.0.0"));
    assertThat(fx.home.resolve("data/alpha")).isDirectory();
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
    assertThat(fx.home.resolve("journal")).isEmptyDirectory();
    PluginState state = store.state().get("alpha");
    assertThat(state.enabled()).isTrue();
    assertThat(state.acknowledgedPermissions()).isEqualTo(record.permissionsDigest()).startsWith("sha256:");
    LockFile lock = LockFile.read(fx.home.resolve("plinth.lock"));
    assertThat(lock.plugins()).containsOnlyKeys("alpha");
    assertThat(lock.plugins().get("alpha").treeSha256()).isEqualTo(record.treeSha256());
    assertThat(fx.events("installed")).singleElement().satisfies(e -> {
      assertThat(e.pluginId()).isEqualTo("alpha");
      assertThat(e.version()).isEqualTo("1.0.0");
      assertThat(e.correlationId()).isEqualTo(record.transaction());
    });
    assertThat(fx.activator.calls).containsExactly("activate alpha@1.0.0", "health alpha@1.0.0");
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void install_sameVersionAndDigestAgain_isAlreadyInstalledAndChangesNothing() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    String src = fx.bundle("alpha", "1.0.0");
    store.install(FolderStagerRequests.of(src));
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome again = store.install(FolderStagerRequests.of(src));

    assertThat(again).isEqualTo(new InstallOutcome.AlreadyInstalled("alpha", "1.0.0"));
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(fx.events("already_installed")).hasSize(1);
  }

  @Test
  void install_sameVersionAgain_whenItsFilesWereChanged_isRefusedAsDamaged_andUninstallThenInstallRepairs() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    String src = fx.bundle("alpha", "1.0.0");
    store.install(FolderStagerRequests.of(src).withEnable(true));
    Path installed = fx.home.resolve("plugins/alpha/versions/1.0.0/classes/com/example/Main.class");
    Files.writeString(installed, "changed after install");
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = store.install(FolderStagerRequests.of(src));

    // Not "already installed": that would vouch for files that no longer match the record.
    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.phase()).isEqualTo(Phase.PREPARE);
      assertThat(f.cause().code()).isEqualTo("VERSION_DAMAGED");
      assertThat(f.cause().message())
          .isEqualTo("plugin.version is installed but its files no longer match their install record: alpha@1.0.0");
      assertThat(f.cause().nextStep()).contains("doctor --verify").contains("uninstall alpha");
    });
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(store.checkIntegrity().problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.FILE_MODIFIED);
    assertThat(store.checkIntegrity().problems().get(0).nextStep())
        .startsWith("Uninstall alpha (its data folder stays) and install alpha@1.0.0 again");

    // The next step works: uninstall, then the same install brings the recorded files back.
    assertThat(store.uninstall("alpha", false, false)).isInstanceOf(InstallOutcome.Uninstalled.class);
    assertThat(store.install(FolderStagerRequests.of(src))).isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
    assertThat(installed).hasContent("payload of alpha 1.0.0");
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void install_ofAKeptVersionWhoseFilesWereChanged_isRefusedAsDamaged_andTheCurrentStays() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    String old = fx.bundle("alpha", "1.0.0");
    store.install(FolderStagerRequests.of(old));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.1.0")));
    Files.delete(fx.home.resolve("plugins/alpha/versions/1.0.0/lib/dep.jar"));

    InstallOutcome o = store.install(FolderStagerRequests.of(old).withAllowDowngrade(true));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("VERSION_DAMAGED"));
    assertThat(store.currentDir("alpha")).contains(fx.home.resolve("plugins/alpha/versions/1.1.0"));
    assertThat(fx.home.resolve("journal")).isEmptyDirectory();
  }

  @Test
  void rollback_toAKeptVersionWhoseFilesWereChanged_isRefusedAsDamaged_andTheCurrentStays() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.1.0")));
    Files.writeString(fx.home.resolve("plugins/alpha/versions/1.0.0/plugin.toml"), "\n# edited\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = store.rollback("alpha");

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("VERSION_DAMAGED");
      assertThat(f.cause().message()).endsWith(": alpha@1.0.0");
    });
    assertThat(store.currentDir("alpha")).contains(fx.home.resolve("plugins/alpha/versions/1.1.0"));
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
  }

  @Test
  void install_sameVersionDifferentContent_failsWithVersionConflict() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    String src = fx.bundle("alpha", "1.0.0");
    store.install(FolderStagerRequests.of(src));
    Files.writeString(Path.of(src, "classes/com/example/Main.class"), "tampered");

    InstallOutcome o = store.install(FolderStagerRequests.of(src));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.phase()).isEqualTo(Phase.PREPARE);
      assertThat(f.cause().code()).isEqualTo("VERSION_CONFLICT");
      assertThat(f.cause().message()).isEqualTo("plugin.version is already installed with different content: alpha@1.0.0");
    });
  }

  @Test
  void install_newerThenOlder_upgradesAndRefusesDowngradeUnlessAllowed() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    assertThat(store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.10.0"))))
        .isEqualTo(new InstallOutcome.Upgraded("alpha", "1.0.0", "1.10.0"));

    InstallOutcome refused = store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.2.0")));
    assertThat(refused).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("DOWNGRADE_REFUSED");
      assertThat(f.cause().message()).isEqualTo("plugin.version is older than the current 1.10.0: 1.2.0");
      assertThat(f.phase()).isEqualTo(Phase.PREPARE);
    });
    assertThat(store.info("alpha").orElseThrow().currentVersion()).isEqualTo("1.10.0");

    InstallOutcome allowed = store.install(InstallRequest.of(fx.bundle("alpha", "1.2.0")).withAllowDowngrade(true));
    assertThat(allowed).isEqualTo(new InstallOutcome.Downgraded("alpha", "1.10.0", "1.2.0"));
    assertThat(fx.activator.calls).containsSubsequence("deactivate alpha@1.10.0", "activate alpha@1.2.0");
  }

  @Test
  void upgrade_keepsOperatorStateUnlessRequestChangesIt() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    store.updateState("alpha", s -> s.withAcknowledgedPermissions("sha256:old"));

    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));

    assertThat(store.state().get("alpha")).isEqualTo(new PluginState(true, "sha256:old", null));
  }

  @Test
  void rollback_toPreviousAndBack_switchesThroughActivator() {
    PluginStore store = fx.open(PointerStyle.POINTER_FILE);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    fx.activator.calls.clear();

    assertThat(store.rollback("alpha")).isEqualTo(new InstallOutcome.Reverted("alpha", "2.0.0", "1.0.0"));
    assertThat(fx.activator.calls).containsExactly("deactivate alpha@2.0.0", "activate alpha@1.0.0", "health alpha@1.0.0");
    assertThat(LockFile.read(fx.home.resolve("plinth.lock")).plugins().get("alpha").version()).isEqualTo("1.0.0");
    assertThat(store.rollback("alpha", "2.0.0")).isEqualTo(new InstallOutcome.Reverted("alpha", "1.0.0", "2.0.0"));
    assertThat(fx.events("reverted")).extracting(e -> e.version()).containsExactly("1.0.0", "2.0.0");
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void rollback_unknownVersion_failsWithVersionNotInstalled() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    InstallOutcome o = store.rollback("alpha", "0.9.0");
    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("VERSION_NOT_INSTALLED");
      assertThat(f.cause().message()).isEqualTo("plugin.version is not a kept version of alpha: 0.9.0");
    });
    assertThat(store.rollback("alpha")).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("VERSION_NOT_INSTALLED"));
    assertThat(store.rollback("ghost")).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("PLUGIN_NOT_INSTALLED"));
  }

  @Test
  void retention_keepsLastThreeIncludingCurrentAndRollbackTarget() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    for (String v : List.of("1.0.0", "2.0.0", "3.0.0", "4.0.0")) {
      store.install(FolderStagerRequests.of(fx.bundle("alpha", v)));
    }
    assertThat(StoreLayout.listNames(fx.home.resolve("plugins/alpha/versions"), true)).containsExactly("2.0.0", "3.0.0", "4.0.0");

    store.rollback("alpha", "2.0.0");
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "5.0.0")));

    // current 5.0.0, rollback target 2.0.0 (current before), newest other 4.0.0
    assertThat(StoreLayout.listNames(fx.home.resolve("plugins/alpha/versions"), true)).containsExactly("2.0.0", "4.0.0", "5.0.0");
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
  }

  @Test
  void uninstall_keepsDataUnlessPurged() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    Files.writeString(fx.home.resolve("data/alpha/settings.json"), "{}");

    assertThat(store.uninstall("alpha", false, false)).isEqualTo(new InstallOutcome.Uninstalled("alpha", "1.0.0", false));
    assertThat(fx.home.resolve("plugins/alpha")).doesNotExist();
    assertThat(fx.home.resolve("data/alpha/settings.json")).hasContent("{}");
    assertThat(store.state()).doesNotContainKey("alpha");
    assertThat(LockFile.read(fx.home.resolve("plinth.lock")).plugins()).isEmpty();
    assertThat(fx.activator.calls).endsWith("deactivate alpha@1.0.0");

    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    assertThat(store.uninstall("alpha", true, false)).isEqualTo(new InstallOutcome.Uninstalled("alpha", "1.0.0", true));
    assertThat(fx.home.resolve("data/alpha")).doesNotExist();
    assertThat(store.uninstall("alpha", true, false)).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().message()).isEqualTo("plugin.id is not installed: alpha"));
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void uninstall_withDependents_isRefusedUnlessForced() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("beta", "1.0.0")));
    store.install(FolderStagerRequests.of(Bundles.write(fx.bundles, "alpha", "1.0.0", Map.of("beta", "^1.0.0"), "x").toString()));

    InstallOutcome refused = store.uninstall("beta", false, false);
    assertThat(refused).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("DEPENDENT_PLUGINS");
      assertThat(f.cause().message()).isEqualTo("plugin.dependencies of installed plugins name beta: alpha");
      assertThat(f.cause().details()).containsEntry("dependents", List.of("alpha"));
    });
    assertThat(store.info("beta").orElseThrow().currentVersion()).isEqualTo("1.0.0");
    assertThat(fx.home.resolve("journal")).isEmptyDirectory();

    assertThat(store.uninstall("beta", false, true)).isInstanceOf(InstallOutcome.Uninstalled.class);
  }

  @Test
  void listAndInfo_reportVersionsCurrentSourceAndSignature() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    String v1 = fx.bundle("alpha", "1.0.0");
    fx.stager.signers.put(v1, "https://github.com/acme/alpha/.github/workflows/release.yml@refs/tags/v1.0.0");
    store.install(FolderStagerRequests.of(v1));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.1.0")));
    store.install(FolderStagerRequests.of(fx.bundle("beta", "0.1.0")));

    assertThat(store.list()).extracting(PluginInfo::id, PluginInfo::currentVersion)
        .containsExactly(org.assertj.core.api.Assertions.tuple("alpha", "1.1.0"), org.assertj.core.api.Assertions.tuple("beta", "0.1.0"));
    PluginInfo alpha = store.info("alpha").orElseThrow();
    assertThat(alpha.versions()).extracting(PluginInfo.Version::version).containsExactly("1.1.0", "1.0.0");
    assertThat(alpha.current().orElseThrow().version()).isEqualTo("1.1.0");
    PluginInfo.Version old = alpha.versions().get(1);
    assertThat(old.source()).isEqualTo(v1);
    assertThat(old.signature().verified()).isTrue();
    assertThat(old.signature().identity()).isEqualTo("https://github.com/acme/alpha/.github/workflows/release.yml@refs/tags/v1.0.0");
    assertThat(store.info("gamma")).isEmpty();
  }

  @Test
  void updateState_unknownPlugin_failsAndKnownPluginPersists() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    store.updateState("alpha", s -> s.withPinnedVersion("1.0.0").withEnabled(true));

    assertThat(fx.open(PointerStyle.SYMLINK).state().get("alpha")).isEqualTo(new PluginState(true, null, "1.0.0"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.updateState("ghost", s -> s))
        .isInstanceOf(dev.plinth.installer.InstallException.class)
        .hasMessage("plugin.id is not installed: ghost");
  }

  @Test
  void build_settingGivenTwice_isRejectedNamingTheOldValue() {
    PluginStoreBuilder b = PluginStore.builder().retention(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.retention(4))
        .isInstanceOf(IllegalStateException.class).hasMessage("retention was already set: 3");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PluginStore.builder().retention(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retention must be >= 1: 0");
  }

  @Test
  void install_withoutStager_failsAtResolveWithSourceUnsupported() {
    PluginStore store = PluginStore.builder().home(fx.home).build();
    InstallOutcome o = store.install(InstallRequest.of("github:acme/alpha"));
    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.pluginId()).isEqualTo("github:acme/alpha");
      assertThat(f.phase()).isEqualTo(Phase.RESOLVE);
      assertThat(f.cause().code()).isEqualTo("SOURCE_UNSUPPORTED");
    });
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
    assertThat(fx.home.resolve("journal")).isEmptyDirectory();
  }

  @Test
  void install_whileAnotherThreadHoldsTheStore_failsWithStoreLockedThenSucceedsAfter() throws Exception {
    fx.activator.hangingHealth.add("alpha@1.0.0");
    PluginStore patient = fx.builder(PointerStyle.SYMLINK).healthTimeout(Duration.ofSeconds(30)).build();
    PluginStore impatient = fx.builder(PointerStyle.SYMLINK).lockTimeout(Duration.ofMillis(200)).build();
    CompletableFuture<InstallOutcome> holder = CompletableFuture.supplyAsync(
        () -> patient.install(InstallRequest.of(fx.bundle("alpha", "1.0.0"))));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!fx.activator.calls.contains("health alpha@1.0.0") && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(fx.activator.calls).as("the other thread is inside its transaction").contains("health alpha@1.0.0");

      InstallOutcome o = impatient.install(InstallRequest.of(fx.bundle("beta", "1.0.0")));

      assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
        assertThat(f.cause().code()).isEqualTo("STORE_LOCKED");
        assertThat(f.cause().message()).startsWith("store lock held by another thread of this process for more than 200 ms: ");
        assertThat(f.cause().details()).containsEntry("timeout_ms", 200L);
      });
    } finally {
      fx.activator.release.countDown();
    }
    assertThat(holder.get(30, TimeUnit.SECONDS)).isInstanceOf(InstallOutcome.Installed.class);
    assertThat(impatient.install(InstallRequest.of(fx.bundle("beta", "1.0.0")))).isInstanceOf(InstallOutcome.Installed.class);
  }
}
