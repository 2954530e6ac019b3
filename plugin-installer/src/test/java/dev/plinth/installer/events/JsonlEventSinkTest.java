package dev.plinth.installer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlEventSinkTest {
  @TempDir Path tmp;

  private static PlinthEvent event(String type, String plugin, Instant time, int n) {
    return new PlinthEvent(type, plugin, "1.0.0", "tx-" + n, time, new java.util.TreeMap<>(Map.of("n", n, "phase", "health")));
  }

  @Test
  void emit_writesOneJsonObjectPerLineWithTheDocumentedFields() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    sink.emit(event("rolled_back", "alpha", Instant.parse("2025-01-02T03:04:05Z"), 1));

    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"type\":\"rolled_back\",\"plugin\":\"alpha\",\"version\":\"1.0.0\",\"correlation_id\":\"tx-1\","
            + "\"time\":\"2025-01-02T03:04:05Z\",\"detail\":{\"n\":1,\"phase\":\"health\"}}");
  }

  record Sample(String name, int size) {}

  @Test
  void toJsonLine_richDetail_isTheSameAsATreeOfTheEvent_andReadsBack() throws Exception {
    Map<String, Object> detail = new java.util.LinkedHashMap<>();
    detail.put("count", 3L);
    detail.put("ratio", 0.25);
    detail.put("none", null);
    detail.put("text", "quote \" and \u00e9 and \n");
    detail.put("list", List.of(1, "two", Map.of("three", true)));
    detail.put("nested", new java.util.TreeMap<>(Map.of("b", List.of(), "a", Map.of())));
    // Values the streaming writer hands to data binding: written exactly as before.
    detail.put("float", 1.1f);
    detail.put("array", new String[] {"x", "y"});
    detail.put("record", new Sample("n", 2));
    detail.put("numberKeys", Map.of(7, "seven"));
    detail.put("set", new java.util.TreeSet<>(List.of("b", "a")));
    PlinthEvent e = new PlinthEvent("plugin_activated", "alpha", "2.0.0", "boot-7", Instant.parse("2026-01-02T03:04:05.123Z"), detail);
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree = m.createObjectNode()
        .put("type", e.type()).put("plugin", e.pluginId()).put("version", e.version())
        .put("correlation_id", e.correlationId()).put("time", e.time().toString());
    tree.set("detail", m.valueToTree(e.detail()));

    byte[] line = JsonlEventSink.toJsonLine(e);

    assertThat(new String(line, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(m.writeValueAsString(tree) + "\n");
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    sink.emit(e);
    PlinthEvent back = sink.read(EventQuery.all()).get(0);
    assertThat(back.detail()).containsEntry("text", "quote \" and \u00e9 and \n").containsEntry("ratio", 0.25)
        .containsKey("none");
  }

  @Test
  void read_filtersByPluginTypeAndTimeAndKeepsNewestWithinLimit() {
    JsonlEventSink sink = JsonlEventSink.builder(tmp.resolve("events.jsonl")).build();
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < 10; i++) {
      sink.emit(event(i % 2 == 0 ? "installed" : "rolled_back", i < 5 ? "alpha" : "beta", t0.plusSeconds(i), i));
    }

    assertThat(sink.read(EventQuery.all().withPlugin("alpha").withType("installed")))
        .extracting(PlinthEvent::correlationId).containsExactly("tx-0", "tx-2", "tx-4");
    assertThat(sink.read(EventQuery.all().withSince(t0.plusSeconds(7)))).extracting(PlinthEvent::correlationId)
        .containsExactly("tx-7", "tx-8", "tx-9");
    assertThat(sink.read(EventQuery.all().withLimit(2))).extracting(PlinthEvent::correlationId)
        .containsExactly("tx-8", "tx-9");
    assertThat(sink.read(EventQuery.all()).get(3).detail()).containsEntry("n", 3).containsEntry("phase", "health");
  }

  @Test
  void emit_pastMaxBytes_rotatesKeepingNFilesAndReadsAcrossThem() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).maxBytes(400).keep(2).build();
    for (int i = 0; i < 30; i++) {
      sink.emit(event("installed", "alpha", Instant.EPOCH.plusSeconds(i), i));
    }

    assertThat(tmp.resolve("events.1.jsonl")).exists();
    assertThat(tmp.resolve("events.2.jsonl")).exists();
    assertThat(tmp.resolve("events.3.jsonl")).doesNotExist();
    assertThat(Files.size(file)).isLessThanOrEqualTo(400);
    List<PlinthEvent> all = sink.read(EventQuery.all());
    assertThat(all).isNotEmpty().hasSizeLessThan(30);
    assertThat(all.get(all.size() - 1).correlationId()).isEqualTo("tx-29");
    List<String> ids = new ArrayList<>();
    all.forEach(e -> ids.add(e.correlationId()));
    assertThat(ids).isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))));
  }

  @Test
  void read_lineCutByCrash_isSkippedAndNextEventStartsOnFreshLine() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink.builder(file).build().emit(event("installed", "alpha", Instant.EPOCH, 1));
    Files.writeString(file, "{\"type\":\"upgr", StandardOpenOption.APPEND);

    JsonlEventSink reopened = JsonlEventSink.builder(file).build();
    reopened.emit(event("upgraded", "alpha", Instant.EPOCH, 2));

    assertThat(reopened.read(EventQuery.all())).extracting(PlinthEvent::type).containsExactly("installed", "upgraded");
  }

  @Test
  void emit_keepZero_startsOverWithoutRotatedFiles() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).maxBytes(400).keep(0).build();
    for (int i = 0; i < 30; i++) {
      sink.emit(event("installed", "alpha", Instant.EPOCH.plusSeconds(i), i));
    }

    assertThat(Files.size(file)).isLessThanOrEqualTo(400);
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")))
          .containsExactly("events.jsonl");
    }
    assertThat(sink.read(EventQuery.all())).isNotEmpty().last()
        .satisfies(e -> assertThat(e.correlationId()).isEqualTo("tx-29"));
  }

  @Test
  void read_blankAndForeignLines_skipped() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    JsonlEventSink sink = JsonlEventSink.builder(file).build();
    sink.emit(event("installed", "alpha", Instant.EPOCH, 1));
    Files.writeString(file, "\n   \n{\"type\":\"x\"}\n[1,2]\nnot json\n", StandardOpenOption.APPEND);
    sink.emit(event("installed", "alpha", Instant.EPOCH.plusSeconds(1), 2));

    assertThat(sink.read(EventQuery.all())).extracting(PlinthEvent::correlationId).containsExactly("tx-1", "tx-2");
  }

  @Test
  void builder_sizesOutOfRange_refusedNamingValue() {
    assertThatThrownBy(() -> JsonlEventSink.builder(tmp.resolve("e.jsonl")).maxBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytes must be >= 1: 0");
    assertThatThrownBy(() -> JsonlEventSink.builder(tmp.resolve("e.jsonl")).keep(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("keep must be >= 0: -1");
  }

  @Test
  void emit_fromManyThreads_keepsEveryLineWhole() throws Exception {
    JsonlEventSink sink = JsonlEventSink.builder(tmp.resolve("events.jsonl")).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 400; i++) {
      int n = i;
      pool.execute(() -> sink.emit(event("installed", "alpha", Instant.EPOCH, n)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(sink.read(EventQuery.all())).hasSize(400);
  }

  @Test
  void emit_unwritablePath_neverThrows() throws Exception {
    Path dir = tmp.resolve("a-directory");
    Files.createDirectories(dir);
    JsonlEventSink sink = JsonlEventSink.builder(dir).build();
    sink.emit(event("installed", "alpha", Instant.EPOCH, 1));
    assertThat(sink.read(EventQuery.all())).isEmpty();
  }

  @Test
  void tee_passesEventsToEverySinkEvenWhenOneThrows() {
    List<PlinthEvent> seen = new ArrayList<>();
    EventSink tee = EventSinks.of(e -> {
      throw new IllegalStateException("broken sink");
    }, seen::add);
    tee.emit(event("installed", "alpha", Instant.EPOCH, 1));
    assertThat(seen).extracting(PlinthEvent::correlationId).containsExactly("tx-1");
  }

  @Test
  void emit_threeProcessesRotatingTheSameLog_loseNoEvent() throws Exception {
    threeProcessesRotating(false);
  }

  /** Lines this process writes into a file another process rotated are still read back. */
  @Test
  void emit_inBatchWhileOtherProcessesRotateTheLog_loseNoEvent() throws Exception {
    threeProcessesRotating(true);
  }

  private void threeProcessesRotating(boolean parentInBatch) throws Exception {
    Path file = tmp.resolve("home").resolve("events.jsonl");
    int perWriter = 150;
    int keep = 400; // room for every rotated file: any event missing was lost, not aged out
    long maxBytes = 900; // about six events a file: dozens of rotations, racing between processes
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (String writer : List.of("child_a", "child_b")) {
      children.add(new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
          "-cp", System.getProperty("java.class.path"), EventWriterMain.class.getName(),
          file.toString(), String.valueOf(perWriter), writer, String.valueOf(maxBytes), String.valueOf(keep))
          .redirectErrorStream(true).start());
    }
    JsonlEventSink sink = JsonlEventSink.builder(file).maxBytes(maxBytes).keep(keep).build();
    try (EventSink.Batch batch = parentInBatch ? sink.batch() : EventSink.Batch.NONE) {
      EventWriterMain.write(sink, perWriter, "parent");
    }
    for (Process p : children) {
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("child output").contains("done").doesNotContain("cannot write");
    }

    List<PlinthEvent> all = sink.read(EventQuery.all().withLimit(10 * perWriter));
    assertThat(all).hasSize(3 * perWriter);
    assertThat(all.stream().map(PlinthEvent::correlationId).distinct().count()).isEqualTo(3L * perWriter);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.filter(f -> f.getFileName().toString().matches("events\\.\\d+\\.jsonl")).count())
          .as("rotated files").isGreaterThan(10L);
    }
  }
}
