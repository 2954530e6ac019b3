package dev.plinth.testkit.junit;

import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a test host must not leave behind: store files in the folders a relative path would land
 * in (the working folder, the user's home), and threads still running with a plugin's context
 * class loader after the system closed.
 */
final class LeakCheck {
  /** Names the store writes at the top of a home; finding a new one elsewhere means a path escaped. */
  static final Set<String> STORE_NAMES = Set.of("plugins", "staging", "journal", "state.json",
      "events.jsonl", "plinth.lock", "host.toml", "trust.toml");

  private final List<Path> watched;
  private final Set<String> before;

  private LeakCheck(List<Path> watched, Set<String> before) {
    this.watched = watched;
    this.before = before;
  }

  static LeakCheck start() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    dirs.add(Path.of(System.getProperty("user.home")).toAbsolutePath());
    return new LeakCheck(List.copyOf(dirs), present(dirs));
  }

  /** Throws {@code TEST_HOST_LEAKED} naming every leak; waits up to {@code threadWait} for plugin threads to end. */
  void verify(Duration threadWait) {
    List<String> leaks = new ArrayList<>();
    for (String p : present(watched)) {
      if (!before.contains(p)) {
        leaks.add("store file outside the temp home: " + p);
      }
    }
    long deadline = System.nanoTime() + threadWait.toNanos();
    List<String> threads = pluginThreads();
    while (!threads.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      threads = pluginThreads();
    }
    threads.forEach(t -> leaks.add("thread still running with a plugin's context class loader: " + t));
    if (!leaks.isEmpty()) {
      throw new TestkitException(TestkitErrorCode.TEST_HOST_LEAKED,
          "test host must leave nothing behind: " + String.join("; ", leaks),
          "Give every path relative to host.home(), and stop the threads your plugin starts in stop().");
    }
  }

  private static Set<String> present(List<Path> dirs) {
    Set<String> out = new TreeSet<>();
    for (Path d : dirs) {
      for (String n : STORE_NAMES) {
        if (Files.exists(d.resolve(n))) {
          out.add(d.resolve(n).toString());
        }
      }
    }
    return out;
  }

  private static List<String> pluginThreads() {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getContextClassLoader() instanceof PluginClassLoader) {
        out.add(t.getName());
      }
    }
    return out;
  }
}
