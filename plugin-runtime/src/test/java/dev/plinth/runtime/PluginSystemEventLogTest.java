package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.PlinthEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boot()} and {@code close()} write their events through one open {@code events.jsonl}: the
 * same events as every other sink gets, each in the file before the next sink hears of it, and the
 * file let go when they return.
 */
class PluginSystemEventLogTest {
  @TempDir Path tmp;

  /** Whether this process holds {@code file} open (Linux: a link in /proc/self/fd names it). */
  private static boolean openInThisProcess(Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      Path real = file.toRealPath();
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException e) {
          return false; // the listing's own descriptor, closed by now
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> keys(List<PlinthEvent> events) {
    return events.stream().map(e -> e.type() + " " + e.pluginId() + " " + e.correlationId()).toList();
  }

  @Test
  void bootAndClose_writeEveryEventThroughOneOpenFile_andLetItGo() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      for (String id : List.of("alpha", "beta", "gamma")) {
        assertSucceeded(system.install(enabled(f.noteBundle(id, "1.0.0", ""))));
      }
    }
    Path file = f.home.resolve("events.jsonl");
    int before = f.sink.all().size();

    List<String> writtenWhenHeard = new CopyOnWriteArrayList<>();
    List<Boolean> openWhenHeard = new CopyOnWriteArrayList<>();
    PluginSystem system = f.open();
    system.addEventSink(e -> {
      try {
        List<String> lines = Files.readAllLines(file);
        writtenWhenHeard.add(lines.get(lines.size() - 1).contains(e.correlationId()) ? e.type() : "missing " + e.type());
      } catch (IOException ex) {
        writtenWhenHeard.add("unreadable " + ex);
      }
      openWhenHeard.add(openInThisProcess(file));
    });

    assertThat(system.boot().loaded()).hasSize(3);
    assertThat(openInThisProcess(file)).as("let go when boot returns").isFalse();
    int booted = writtenWhenHeard.size();
    assertThat(writtenWhenHeard).as("each event in the file before the next sink hears of it")
        .contains("loaded", "started").noneMatch(s -> s.startsWith("missing") || s.startsWith("unreadable"));
    assertThat(openWhenHeard).as("boot keeps the file open").hasSize(booted).containsOnly(true);

    system.close();
    assertThat(openInThisProcess(file)).as("let go when close returns").isFalse();
    assertThat(writtenWhenHeard.subList(booted, writtenWhenHeard.size())).contains("stopped", "unloaded")
        .noneMatch(s -> s.startsWith("missing") || s.startsWith("unreadable"));
    assertThat(openWhenHeard.subList(booted, openWhenHeard.size())).as("close keeps the file open").containsOnly(true);

    List<PlinthEvent> heard = f.sink.all();
    List<PlinthEvent> logged;
    try (PluginSystem reader = f.open()) {
      logged = reader.events(EventQuery.all().withLimit(10_000));
    }
    assertThat(keys(logged)).as("the log holds what every sink heard, in order").isEqualTo(keys(heard.subList(0, logged.size())));
    assertThat(keys(heard.subList(before, logged.size())))
        .filteredOn(k -> k.startsWith("started ")).hasSize(3);
    assertThat(keys(heard.subList(before, logged.size())))
        .filteredOn(k -> k.startsWith("unloaded ")).hasSize(3);
  }
}
