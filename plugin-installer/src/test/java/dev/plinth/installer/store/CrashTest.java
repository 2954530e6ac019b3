package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM installs, upgrades, downgrades, rolls back and uninstalls in a loop
 * while this test kills it with SIGKILL at a random moment ({@link CrashLoop}). After every kill,
 * opening the store must recover a consistent home. {@code -Dplinth.crash.kills=N} sets the number
 * of kills (default 200); the counts go to the test report and {@code target/crash-test-report.txt}.
 * {@link OperationCrashTest} does the same for one operation at a time.
 */
class CrashTest {
  @TempDir Path tmp;

  @Test
  void store_killedAtRandomMomentsManyTimes_alwaysRecoversConsistent(TestReporter reporter) throws Exception {
    int kills = Integer.getInteger("plinth.crash.kills", 200);
    long seed = Long.getLong("plinth.crash.seed", System.nanoTime());
    Path home = tmp.resolve("home");
    Path bundles = tmp.resolve("bundles");
    for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
      Bundles.write(bundles, "alpha", v);
    }
    Bundles.write(bundles, "beta", "1.0.0", Map.of("alpha", ">=1.0.0"), "beta payload");

    CrashLoop.Result r = CrashLoop.run(home, tmp.resolve("children.log"), kills, seed,
        childSeed -> new String[] {"crash", home.toString(), bundles.toString(), Long.toString(childSeed)});

    reporter.publishEntry("crash-test", r.summary());
    System.out.println("crash-test: " + r.summary());
    CrashLoop.report("crash-test", r, tmp.resolve("children.log"));
    assertThat(r.problems()).as(r.summary()).isEmpty();
    assertThat(r.interrupted()).as("kills that landed inside a transaction").isGreaterThan(r.kills() / 10);
  }
}
