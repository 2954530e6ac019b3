package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM installs, upgrades, downgrades, rolls back and uninstalls in a loop
 * while this test kills it with SIGKILL ({@code destroyForcibly}) at a random moment 20–400 ms
 * after it is ready. After every kill, opening the store must recover a consistent home:
 * {@link StoreIntegrity} reports nothing. {@code -Dplinth.crash.kills=N} sets the number of kills
 * (default 200); the counts go to the test report and {@code target/crash-test-report.txt}.
 */
class CrashTest {
  private static final int AHEAD = 2;
  @TempDir Path tmp;

  @Test
  void store_killedAtRandomMomentsManyTimes_alwaysRecoversConsistent(TestReporter reporter) throws Exception {
    int kills = Integer.getInteger("plinth.crash.kills", 200);
    long seed = Long.getLong("plinth.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path home = tmp.resolve("home");
    Path bundles = tmp.resolve("bundles");
    for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
      Bundles.write(bundles, "alpha", v);
    }
    Bundles.write(bundles, "beta", "1.0.0", Map.of("alpha", ">=1.0.0"), "beta payload");
    Path log = tmp.resolve("children.log");

    int done = 0;
    int interrupted = 0;
    int inconsistent = 0;
    List<String> problems = new ArrayList<>();
    long started = System.nanoTime();
    // Children are started ahead (JVM start-up is the slow part on a busy machine) and wait for "go".
    java.util.ArrayDeque<ChildJvm> ahead = new java.util.ArrayDeque<>();
    for (int i = 0; i < AHEAD; i++) {
      ahead.add(ChildJvm.start(log, "crash", home.toString(), bundles.toString(), Long.toString(random.nextLong())));
    }
    while (done < kills) {
      ChildJvm child = ahead.removeFirst();
      if (child.awaitLine("warm") == null) {
        throw new AssertionError("child died while warming up; see " + tail(log));
      }
      child.send("go");
      if (child.awaitLine("ready") == null) {
        child.process.waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("child died before ready, exit " + child.process.exitValue() + "; see " + tail(log));
      }
      ahead.addLast(ChildJvm.start(log, "crash", home.toString(), bundles.toString(), Long.toString(random.nextLong())));
      Thread.sleep(20 + random.nextInt(381));
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      done++;
      if (!StoreLayout.listNames(home.resolve("journal"), false).isEmpty()) {
        interrupted++;
      }

      PluginStore.builder().home(home).stager(new FolderStager()).build();
      IntegrityReport report = StoreIntegrity.check(home);
      if (!report.ok()) {
        inconsistent++;
        problems.add("kill " + done + ": " + report.problems());
      }
    }
    for (ChildJvm spare : ahead) {
      spare.process.destroyForcibly();
      spare.process.waitFor(30, TimeUnit.SECONDS);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String summary = "kills=" + done + " interrupted_transactions=" + interrupted + " inconsistent=" + inconsistent
        + " seconds=" + seconds + " seed=" + seed;
    reporter.publishEntry("crash-test", summary);
    System.out.println("crash-test: " + summary);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("crash-test-report.txt"), summary + "\n" + String.join("\n", problems) + "\n",
          StandardCharsets.UTF_8);
    }
    assertThat(problems).as(summary).isEmpty();
    assertThat(interrupted).as("kills that landed inside a transaction").isGreaterThan(done / 10);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
