package dev.plinth.installer.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The crash tests' loop: child JVMs ({@link StoreChildMain}) work on one home while the loop kills
 * each with SIGKILL ({@code destroyForcibly}) at a random moment 20–400 ms after it is ready; after
 * every kill, opening the store must recover a consistent home ({@link StoreIntegrity} reports
 * nothing, which includes {@code plinth.lock} agreeing with the current versions). Children are
 * started ahead and wait for "go", so JVM start-up stays off the kill's timing.
 */
final class CrashLoop {
  private static final int AHEAD = 2;

  /** What the kills found. */
  record Result(int kills, int interrupted, Map<String, Integer> interruptedByOperation, List<String> problems,
      long seconds, long seed) {
    String summary() {
      return "kills=" + kills + " interrupted_transactions=" + interrupted + " by_operation=" + interruptedByOperation
          + " inconsistent=" + problems.size() + " seconds=" + seconds + " seed=" + seed;
    }
  }

  private CrashLoop() {}

  /**
   * Runs {@code kills} kills. {@code childArgs} gives a child's arguments for a seed; {@code log}
   * collects the children's standard error.
   */
  static Result run(Path home, Path log, int kills, long seed, LongFunction<String[]> childArgs) throws Exception {
    Random random = new Random(seed);
    int done = 0;
    int interrupted = 0;
    Map<String, Integer> byOperation = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    long started = System.nanoTime();
    ArrayDeque<ChildJvm> ahead = new ArrayDeque<>();
    for (int i = 0; i < AHEAD; i++) {
      ahead.add(ChildJvm.start(log, childArgs.apply(random.nextLong())));
    }
    try {
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
        ahead.addLast(ChildJvm.start(log, childArgs.apply(random.nextLong())));
        Thread.sleep(20 + random.nextInt(381));
        child.process.destroyForcibly();
        if (!child.process.waitFor(30, TimeUnit.SECONDS)) {
          throw new AssertionError("killed child did not exit");
        }
        done++;
        List<String> journals = StoreLayout.listNames(home.resolve("journal"), false);
        if (!journals.isEmpty()) {
          interrupted++;
          for (String j : journals) {
            if (j.contains(AtomicFiles.TEMP_MARKER)) {
              byOperation.merge("JOURNAL_BEING_WRITTEN", 1, Integer::sum);
              continue;
            }
            try {
              String op = Journal.read(home.resolve("journal").resolve(j)).operation().name();
              byOperation.merge(op, 1, Integer::sum);
            } catch (IOException | RuntimeException e) {
              byOperation.merge("UNREADABLE", 1, Integer::sum);
            }
          }
        }
        PluginStore.builder().home(home).stager(new FolderStager()).build();
        IntegrityReport report = StoreIntegrity.check(home);
        if (!report.ok()) {
          problems.add("kill " + done + ": " + report.problems());
        }
      }
    } finally {
      for (ChildJvm spare : ahead) {
        spare.process.destroyForcibly();
        spare.process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    return new Result(done, interrupted, byOperation, problems, seconds, seed);
  }

  /** Writes the summary and problems to {@code target/<name>-report.txt} when run from the module. */
  static void report(String name, Result r, Path log) throws IOException {
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve(name + "-report.txt"), r.summary() + "\n" + String.join("\n", r.problems())
          + "\nlast lines of the children's standard error:\n" + tail(log) + "\n", StandardCharsets.UTF_8);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
