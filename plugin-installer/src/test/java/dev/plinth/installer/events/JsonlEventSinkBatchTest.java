package dev.plinth.installer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log inside a {@link EventSink#batch()}: one open file for many events, on real files. */
class JsonlEventSinkBatchTest {
  @TempDir Path tmp;

  private static PlinthEvent event(String writer, int n) {
    return new PlinthEvent("started", writer, "1.0.0", writer + "-" + n, Instant.EPOCH.plusSeconds(n), Map.of("n", n));
  }

  private static List<String> ids(List<PlinthEvent> events) {
    return events.stream().map(PlinthEvent::correlationId).toList();
  }

  /** Whether this process holds {@code file} open (Linux: a link in /proc/self/fd names it). */
  private static boolean openInThisProcess(Path file) throws IOException {
    Path real = file.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException e) {
          return false; // the listing's own descriptor, closed by now
        }
      });
    }
  }

  @Test
  void batch_manyEvents_eachWrittenOnceInOrderAsItIsEmitted() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    List<String> expected = new ArrayList<>();
    try (EventSink.Batch batch = sink.batch()) {
      for (int i = 0; i < 50; i++) {
        sink.emit(event("a", i));
        expected.add("a-" + i);
        assertThat(Files.readAllLines(file)).as("written when emitted, not when the batch closes").hasSize(i + 1);
      }
    }

    assertThat(ids(sink.read(EventQuery.all()))).containsExactlyElementsOf(expected);
    assertThat(sink.unreadableLines()).isEmpty();
  }

  @Test
  void batch_twoThreads_everyLineWritten_whole() throws Exception {
    JsonlEventSink sink = JsonlEventSink.builder(tmp.resolve("events.jsonl")).build();
    try (EventSink.Batch batch = sink.batch()) {
      List<Thread> writers = new ArrayList<>();
      for (String w : List.of("a", "b")) {
        Thread t = new Thread(() -> {
          for (int i = 0; i < 300; i++) {
            sink.emit(event(w, i));
          }
        });
        t.start();
        writers.add(t);
      }
      for (Thread t : writers) {
        t.join(30_000);
      }
    }

    List<PlinthEvent> all = sink.read(EventQuery.all().withLimit(1000));
    assertThat(sink.unreadableLines()).isEmpty();
    assertThat(all).hasSize(600);
    assertThat(ids(all.stream().filter(e -> e.pluginId().equals("a")).toList()))
        .as("one writer's events in its order").isEqualTo(ids(java.util.stream.IntStream.range(0, 300)
            .mapToObj(i -> event("a", i)).toList()));
  }

  @Test
  void batch_pastMaxBytes_rotatesAndKeepsWriting() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).maxBytes(400).keep(20).build();
    try (EventSink.Batch batch = sink.batch()) {
      for (int i = 0; i < 30; i++) {
        sink.emit(event("a", i));
        assertThat(Files.size(file)).isLessThanOrEqualTo(400);
      }
    }

    assertThat(tmp.resolve("events.1.jsonl")).exists();
    assertThat(tmp.resolve("events.2.jsonl")).exists();
    assertThat(ids(sink.read(EventQuery.all()))).as("every event, in order, across the rotated files")
        .isEqualTo(ids(java.util.stream.IntStream.range(0, 30).mapToObj(i -> event("a", i)).toList()));
  }

  @Test
  void batch_closed_releasesTheFileAndLaterEventsReopenIt() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    EventSink.Batch outer = sink.batch();
    EventSink.Batch inner = sink.batch();
    assertThat(file).as("a batch alone writes nothing").doesNotExist();
    sink.emit(event("a", 0));
    assertThat(openInThisProcess(file)).isTrue();
    assertThat(sink.channelOpen()).isTrue();

    inner.close();
    inner.close(); // twice: counts once
    sink.emit(event("a", 1));
    assertThat(openInThisProcess(file)).as("open until the outermost batch closes").isTrue();
    outer.close();

    assertThat(sink.channelOpen()).isFalse();
    assertThat(openInThisProcess(file)).isFalse();
    Files.move(file, tmp.resolve("moved.jsonl"));
    sink.emit(event("a", 2));
    assertThat(ids(sink.read(EventQuery.all()))).containsExactly("a-2");
    assertThat(openInThisProcess(file)).isFalse();
  }

  @Test
  void batch_sinkChain_passesTheBatchToTheEventLogAndDeliversToListenersAtOnce() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink log = JsonlEventSink.builder(file).build();
    List<String> heard = new CopyOnWriteArrayList<>();
    List<Integer> linesWhenHeard = new CopyOnWriteArrayList<>();
    EventSink listener = e -> {
      heard.add(e.correlationId());
      try {
        linesWhenHeard.add(Files.readAllLines(file).size());
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    };
    EventSink chain = EventSinks.of(EventSinks.of(log, e -> {
      throw new IllegalStateException("broken sink");
    }), listener);

    try (EventSink.Batch batch = chain.batch()) {
      for (int i = 0; i < 3; i++) {
        chain.emit(event("a", i));
        assertThat(heard).hasSize(i + 1);
      }
      assertThat(log.channelOpen()).isTrue();
    }

    assertThat(log.channelOpen()).isFalse();
    assertThat(heard).containsExactly("a-0", "a-1", "a-2");
    assertThat(linesWhenHeard).as("the log had written each event before the next sink heard it").containsExactly(1, 2, 3);
    assertThat(ids(log.read(EventQuery.all()))).containsExactly("a-0", "a-1", "a-2");
  }

  @Test
  void batch_secondSinkOnTheSameFile_writesThroughTheBatch() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink first = JsonlEventSink.builder(file).build();
    JsonlEventSink second = JsonlEventSink.builder(file).build();
    try (EventSink.Batch batch = first.batch()) {
      second.emit(event("b", 0));
      assertThat(first.channelOpen()).as("the batch belongs to the file").isTrue();
      first.emit(event("a", 1));
    }

    assertThat(first.channelOpen()).isFalse();
    assertThat(ids(first.read(EventQuery.all()))).containsExactly("b-0", "a-1");
  }

  @Test
  void batch_fileEndsInTornLine_firstEventStartsOnFreshLine() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink.builder(file).build().emit(event("a", 0));
    Files.writeString(file, "{\"type\":\"upgr", StandardOpenOption.APPEND);

    JsonlEventSink reopened = JsonlEventSink.builder(file).build();
    try (EventSink.Batch batch = reopened.batch()) {
      reopened.emit(event("a", 1));
      reopened.emit(event("a", 2));
    }

    assertThat(ids(reopened.read(EventQuery.all()))).containsExactly("a-0", "a-1", "a-2");
    assertThat(reopened.unreadableLines()).containsExactly(2);
  }

  @Test
  void batch_emitFromInterruptedThread_writesTheEventAndKeepsTheInterrupt() throws Exception {
    JsonlEventSink sink = JsonlEventSink.builder(tmp.resolve("events.jsonl")).build();
    try (EventSink.Batch batch = sink.batch()) {
      sink.emit(event("a", 0));
      Thread.currentThread().interrupt();
      sink.emit(event("a", 1));
      assertThat(Thread.interrupted()).as("the interrupt is still the thread's").isTrue();
      sink.emit(event("a", 2));
      assertThat(sink.channelOpen()).isTrue();
    }

    assertThat(ids(sink.read(EventQuery.all()))).containsExactly("a-0", "a-1", "a-2");
  }

  @Test
  void batch_repairRewritesTheFile_laterEventsLandInTheRewrittenFile() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    try (EventSink.Batch batch = sink.batch()) {
      sink.emit(event("a", 0));
      Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
      assertThat(sink.dropUnreadableLines()).isEqualTo(1);
      sink.emit(event("a", 1));
    }

    assertThat(ids(sink.read(EventQuery.all()))).containsExactly("a-0", "a-1");
  }
}
