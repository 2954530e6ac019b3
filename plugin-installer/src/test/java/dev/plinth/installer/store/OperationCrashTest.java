package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 during one operation at a time: upgrade, rollback, uninstall and installFromLock, each
 * repeated by a child JVM that {@link CrashLoop} kills at random moments. After every kill the
 * reopened store must be consistent: no partial version, every pointer on a committed version
 * whose files match its record, and {@code plinth.lock} equal to what the current versions imply.
 * {@code -Dplinth.crash.killsPerOperation=N} sets the kills per operation (default 20, for CI; the
 * {@code crash} profile runs 200); counts go to the test report and
 * {@code target/crash-<operation>-report.txt}.
 */
class OperationCrashTest {
  /** Versions 1.0.0 … 1.(n-1).0 of alpha, for the upgrade chain. */
  static final int UPGRADE_VERSIONS = 30;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"upgrade", "rollback", "uninstall", "lock"})
  void operation_killedAtRandomMoments_alwaysRecoversConsistentWithLockFileInStep(String operation,
      TestReporter reporter) throws Exception {
    int kills = Integer.getInteger("plinth.crash.killsPerOperation", 20);
    long seed = Long.getLong("plinth.crash.seed", System.nanoTime());
    Path home = tmp.resolve("home");
    Path bundles = tmp.resolve("bundles");
    for (int i = 0; i < UPGRADE_VERSIONS; i++) {
      Bundles.write(bundles, "alpha", "1." + i + ".0");
    }
    Bundles.write(bundles, "beta", "1.0.0", Map.of("alpha", ">=1.0.0"), "beta payload");
    if (operation.equals("lock")) {
      writeLock(bundles, "1.0.0", "lock-a.json");
      writeLock(bundles, "1.1.0", "lock-b.json");
    }

    CrashLoop.Result r = CrashLoop.run(home, tmp.resolve("children.log"), kills, seed, childSeed ->
        new String[] {"op", home.toString(), bundles.toString(), Long.toString(childSeed), operation});

    String summary = operation + ": " + r.summary();
    reporter.publishEntry("crash-" + operation, summary);
    System.out.println("crash-test " + summary);
    CrashLoop.report("crash-" + operation, r, tmp.resolve("children.log"));
    assertThat(r.problems()).as(summary).isEmpty();
    String journaled = switch (operation) {
      case "rollback" -> "SWITCH";
      case "uninstall" -> "UNINSTALL";
      default -> "INSTALL";
    };
    assertThat(r.interruptedByOperation()).as("kills inside the operation under test: " + summary)
        .containsKey(journaled);
    assertThat(r.interrupted()).as("kills that landed inside a transaction: " + summary).isGreaterThan(r.kills() / 10);
  }

  /** A plinth.lock with alpha at {@code alphaVersion} and beta, written by a real store in a scratch home. */
  private void writeLock(Path bundles, String alphaVersion, String name) throws Exception {
    Path scratch = tmp.resolve("scratch-" + name);
    PluginStore store = PluginStore.builder().home(scratch).stager(new FolderStager()).build();
    store.install(InstallRequest.of(bundles.resolve("alpha-" + alphaVersion).toString()));
    store.install(InstallRequest.of(bundles.resolve("beta-1.0.0").toString()));
    Files.copy(scratch.resolve("plinth.lock"), bundles.resolve(name));
    assertThat(Files.readString(bundles.resolve(name))).contains("\"" + alphaVersion + "\"");
  }
}
