package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir Path tmp;

  @Test
  void installFromLock_freshHome_reproducesTheSetExactly() throws Exception {
    StoreFixture a = new StoreFixture(tmp.resolve("a"));
    PluginStore first = a.open(PointerStyle.SYMLINK);
    String beta = a.bundle("beta", "1.0.0");
    a.stager.signers.put(beta, "release@acme.example");
    first.install(FolderStagerRequests.of(beta));
    first.install(FolderStagerRequests.of(Bundles.write(a.bundles, "alpha", "1.0.0", Map.of("beta", "^1.0.0"), "a").toString()));
    first.install(FolderStagerRequests.of(Bundles.write(a.bundles, "alpha", "1.1.0", Map.of("beta", "^1.0.0"), "b").toString()));
    Path lock = a.home.resolve("plinth.lock");
    assertThat(Files.readString(lock)).contains("\"lock_version\" : 1", "\"signer\" : \"release@acme.example\"");

    StoreFixture b = new StoreFixture(tmp.resolve("b"));
    b.stager.signers.putAll(a.stager.signers);
    PluginStore second = b.open(PointerStyle.POINTER_FILE);
    LockSyncResult result = second.installFromLock(lock);

    assertThat(result.succeeded()).isTrue();
    // alpha (sorted first) waits for beta, then is retried
    assertThat(result.outcomes()).containsExactly(
        new InstallOutcome.Installed("alpha", "1.1.0"), new InstallOutcome.Installed("beta", "1.0.0"));
    assertThat(Files.readString(b.home.resolve("plinth.lock"))).isEqualTo(Files.readString(lock));
    assertThat(second.installFromLock(lock).outcomes()).containsExactly(
        new InstallOutcome.AlreadyInstalled("alpha", "1.1.0"), new InstallOutcome.AlreadyInstalled("beta", "1.0.0"));
  }

  @Test
  void installFromLock_currentVersionFilesChangedOnDisk_isDamagedNotAlreadyInstalled() throws Exception {
    StoreFixture a = new StoreFixture(tmp.resolve("a"));
    PluginStore store = a.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(Bundles.write(a.bundles, "alpha", "1.0.0").toString()));
    Path lock = a.home.resolve("plinth.lock");
    Files.writeString(a.home.resolve("plugins/alpha/versions/1.0.0/lib/extra.txt"), "dropped in after install");

    LockSyncResult result = store.installFromLock(lock);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.outcomes()).singleElement().isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("VERSION_DAMAGED"));
  }

  @Test
  void installFromLock_treeDrift_failsWithLockDriftAndInstallsNothingOfThatEntry() throws Exception {
    StoreFixture a = new StoreFixture(tmp.resolve("a"));
    Path src = Bundles.write(a.bundles, "alpha", "1.0.0");
    a.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(src.toString()));
    Path lock = a.home.resolve("plinth.lock");
    String locked = LockFile.read(lock).plugins().get("alpha").treeSha256();
    Files.writeString(src.resolve("lib/extra.txt"), "injected");

    StoreFixture b = new StoreFixture(tmp.resolve("b"));
    PluginStore store = b.open(PointerStyle.SYMLINK);
    Map<String, String> before = HomeSnapshot.of(b.home);
    LockSyncResult result = store.installFromLock(lock);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.outcomes()).singleElement().isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("LOCK_DRIFT");
      assertThat(f.cause().details()).containsEntry("plugin", "alpha").containsEntry("field", "tree_sha256")
          .containsEntry("expected", locked);
      assertThat(f.cause().details().get("actual")).isNotEqualTo(locked);
    });
    assertThat(HomeSnapshot.of(b.home)).isEqualTo(before);
  }

  @Test
  void installFromLock_signerDrift_failsNamingTheSigner() {
    StoreFixture a = new StoreFixture(tmp.resolve("a"));
    String src = a.bundle("alpha", "1.0.0");
    a.stager.signers.put(src, "release@acme.example");
    a.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(src));

    StoreFixture b = new StoreFixture(tmp.resolve("b"));
    b.stager.signers.put(src, "mallory@evil.example");
    LockSyncResult result = b.open(PointerStyle.SYMLINK).installFromLock(a.home.resolve("plinth.lock"));

    assertThat(result.outcomes()).singleElement().isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().message()).isEqualTo(
          "plinth.lock alpha.signer expected release@acme.example but the source gave: mallory@evil.example");
      assertThat(f.cause().nextStep()).startsWith("Find out why the published artifact changed");
    });
  }

  @Test
  void installFromLock_otherVersionInstalled_switchesToLockedVersionAndReportsExtras() {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Path lock = tmp.resolve("saved.lock");
    try {
      Files.copy(fx.home.resolve("plinth.lock"), lock);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("gamma", "1.0.0")));

    LockSyncResult result = store.installFromLock(lock);

    assertThat(result.outcomes()).containsExactly(new InstallOutcome.Downgraded("alpha", "2.0.0", "1.0.0"));
    assertThat(result.extraneous()).containsExactly("gamma");
  }

  @Test
  void installFromLock_notALockFile_throwsLockFileInvalid() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    Path bad = tmp.resolve("bad.lock");
    Files.writeString(bad, "[plugins]\n");
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    assertThatThrownBy(() -> store.installFromLock(bad))
        .isInstanceOfSatisfying(InstallException.class, e -> {
          assertThat(e.code()).isEqualTo(InstallErrorCode.LOCK_FILE_INVALID);
          assertThat(e.getMessage()).isEqualTo("lock file must be plinth.lock JSON with a plugins object: " + bad);
        });
  }
}
