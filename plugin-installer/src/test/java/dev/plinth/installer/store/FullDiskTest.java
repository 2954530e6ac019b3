package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.Tmpfs;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install, upgrade, rollback and uninstall into a home on a real 6 MiB tmpfs that fills up
 * mid-download, mid-extract and mid-commit, and on a home remounted read-only. Each must fail with
 * {@code STORE_NO_SPACE} or {@code STORE_NOT_WRITABLE}, leave nothing half-written, keep the
 * previous version current, and leave a home the integrity check (the doctor) finds clean once the
 * space is freed. Needs root to mount (as CI has); skipped with a stated reason otherwise.
 */
class FullDiskTest {
  @TempDir Path tmp;
  Tmpfs fs;
  Path home;
  Path bundles;

  @BeforeEach
  void setUp() throws Exception {
    fs = Tmpfs.mount(tmp.resolve("mnt"), 6 * 1024);
    home = fs.dir().resolve("home");
    bundles = Files.createDirectories(tmp.resolve("bundles"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fs != null) {
      fs.close();
    }
  }

  private PluginStore open(FaultInjector faults) {
    return PluginStore.builder().home(home).stager(Pipeline.builder().build()).faultInjector(faults)
        .hostProfile(() -> HostProfile.of("test-host", "1.0.0")).build();
  }

  private String archive(String version, int payloadBytes) throws Exception {
    TestArchives.Tar tar = new TestArchives.Tar(true)
        .dir("alpha/")
        .file("alpha/plugin.toml", TestArchives.manifest("alpha", version), 0644)
        .file("alpha/lib/readme.txt", "alpha " + version, 0644);
    if (payloadBytes > 0) {
      // Random bytes: they do not compress, so the archive and its extraction are each this big.
      tar.file("alpha/lib/payload.bin", TestArchives.randomBytes(payloadBytes, version.hashCode()), 0644);
    }
    return TestArchives.write(bundles.resolve("alpha-" + version + ".tar.gz"), tar.bytes()).toString();
  }

  private static InstallOutcome.Cause cause(InstallOutcome o) {
    if (o instanceof InstallOutcome.Failed f) {
      return f.cause();
    }
    if (o instanceof InstallOutcome.RolledBack r) {
      return r.cause();
    }
    throw new AssertionError("expected a failure, got " + o);
  }

  private static Phase phase(InstallOutcome o) {
    return o instanceof InstallOutcome.Failed f ? f.phase() : ((InstallOutcome.RolledBack) o).phase();
  }

  /** Nothing half-written: no staging entry, no journal, no temp file anywhere in the home. */
  private void assertNothingHalfWritten() throws Exception {
    assertThat(StoreLayout.listNames(home.resolve("staging"), false)).isEmpty();
    assertThat(StoreLayout.listNames(home.resolve("journal"), false)).isEmpty();
    try (Stream<Path> all = Files.walk(home)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(AtomicFiles.TEMP_MARKER));
    }
  }

  private void assertCurrent(String version) {
    assertThat(CurrentPointer.read(home.resolve("plugins/alpha"))).hasValue(version);
  }

  @Test
  void install_archiveLargerThanFreeSpace_failsInDownloadWithNoSpace_previousVersionStays() throws Exception {
    PluginStore store = open(FaultInjector.NONE);
    assertThat(store.install(InstallRequest.of(archive("1.0.0", 0)))).isInstanceOf(InstallOutcome.Installed.class);
    long freeBefore = fs.free();
    String big = archive("2.0.0", (int) (freeBefore + (512 << 10)));

    InstallOutcome o = store.install(InstallRequest.of(big));

    assertThat(cause(o).code()).as(o.toString()).isEqualTo(InstallErrorCode.STORE_NO_SPACE.code());
    assertThat(phase(o)).isEqualTo(Phase.DOWNLOAD);
    assertThat(cause(o).nextStep()).contains("Free space");
    assertCurrent("1.0.0");
    assertNothingHalfWritten();
    assertThat(fs.free()).isGreaterThanOrEqualTo(freeBefore - (64 << 10));
    assertThat(StoreIntegrity.check(home).problems()).isEmpty();
  }

  @Test
  void install_extractionOverflowsTheDisk_failsInExtractWithNoSpace_previousVersionStays() throws Exception {
    PluginStore store = open(FaultInjector.NONE);
    store.install(InstallRequest.of(archive("1.0.0", 0)));
    long free = fs.free();
    // Fits once (the download), not twice (download and extracted copy).
    String upgrade = archive("2.0.0", (int) (free * 2 / 3));

    InstallOutcome o = store.install(InstallRequest.of(upgrade));

    assertThat(cause(o).code()).as(o.toString()).isEqualTo(InstallErrorCode.STORE_NO_SPACE.code());
    assertThat(phase(o)).isEqualTo(Phase.EXTRACT);
    assertCurrent("1.0.0");
    assertNothingHalfWritten();
    assertThat(StoreIntegrity.check(home).problems()).isEmpty();
  }

  @Test
  void upgrade_diskFillsBeforeCommit_rollsBackToThePreviousVersion() throws Exception {
    open(FaultInjector.NONE).install(InstallRequest.of(archive("1.0.0", 0)));
    String upgrade = archive("2.0.0", 200 << 10);
    Path filler = fs.dir().resolve("filler");
    // Another writer takes the last free byte just as the upgrade commits.
    PluginStore store = open((p, subject) -> {
      if (p == Phase.COMMIT) {
        try {
          fs.fill(filler, 0);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });

    InstallOutcome o = store.install(InstallRequest.of(upgrade).withEnable(true));

    assertThat(cause(o).code()).as(o.toString()).isEqualTo(InstallErrorCode.STORE_NO_SPACE.code());
    assertCurrent("1.0.0");
    Files.delete(filler);
    PluginStore reopened = open(FaultInjector.NONE);
    assertCurrent("1.0.0");
    assertNothingHalfWritten();
    assertThat(reopened.checkIntegrity().problems()).isEmpty();
    assertThat(reopened.install(InstallRequest.of(upgrade))).isInstanceOf(InstallOutcome.Upgraded.class);
  }

  @Test
  void rollbackAndUninstall_onAFullDisk_failWithNoSpaceAndChangeNothing() throws Exception {
    PluginStore store = open(FaultInjector.NONE);
    store.install(InstallRequest.of(archive("1.0.0", 0)));
    store.install(InstallRequest.of(archive("1.1.0", 0)));
    Path filler = fs.fill(fs.dir().resolve("filler"), 0);
    byte[] lock = Files.readAllBytes(home.resolve("plinth.lock"));

    InstallOutcome rollback = store.rollback("alpha");
    InstallOutcome uninstall = store.uninstall("alpha", false, false);

    for (InstallOutcome o : List.of(rollback, uninstall)) {
      assertThat(cause(o).code()).as(o.toString()).isEqualTo(InstallErrorCode.STORE_NO_SPACE.code());
    }
    assertCurrent("1.1.0");
    assertThat(Files.readAllBytes(home.resolve("plinth.lock"))).isEqualTo(lock);
    Files.delete(filler);
    assertNothingHalfWritten();
    assertThat(open(FaultInjector.NONE).checkIntegrity().problems()).isEmpty();
    assertThat(store.rollback("alpha")).isInstanceOf(InstallOutcome.Reverted.class);
  }

  @Test
  void open_readOnlyHome_failsWithNotWritableNamingTheHome_andWorksOnceWritable() throws Exception {
    open(FaultInjector.NONE).install(InstallRequest.of(archive("1.0.0", 0)));
    fs.readOnly(true);

    InstallException e = catchThrowableOfType(InstallException.class, () -> open(FaultInjector.NONE));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.STORE_NOT_WRITABLE);
    assertThat(e.getMessage()).contains(home.toString());
    assertThat(e.nextStep()).contains("writable");
    fs.readOnly(false);
    assertThat(open(FaultInjector.NONE).checkIntegrity().problems()).isEmpty();
    assertCurrent("1.0.0");
  }
}
