package dev.plinth.installer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and dropping the lines of {@code events.jsonl} that are not events. */
class JsonlEventSinkRepairTest {
  @TempDir Path tmp;

  private JsonlEventSink sinkWithTwoEvents() {
    JsonlEventSink sink = JsonlEventSink.builder(tmp.resolve("events.jsonl")).build();
    sink.emit(PlinthEvent.of("installed", "alpha", "1.0.0", "tx-1", Map.of()));
    sink.emit(PlinthEvent.of("enabled", "alpha", "1.0.0", "tx-2", Map.of()));
    return sink;
  }

  @Test
  void unreadableLines_soundOrMissingFile_isEmpty() {
    assertThat(JsonlEventSink.builder(tmp.resolve("none.jsonl")).build().unreadableLines()).isEmpty();
    assertThat(sinkWithTwoEvents().unreadableLines()).isEmpty();
  }

  @Test
  void dropUnreadableLines_tornLineInTheMiddleAndBadBytes_dropsOnlyThose() throws Exception {
    JsonlEventSink sink = sinkWithTwoEvents();
    Path file = sink.file();
    Files.write(file, new byte[] {'{', '"', 't', (byte) 0xC3}, StandardOpenOption.APPEND);
    // The next process's sink starts on a fresh line after the torn one.
    JsonlEventSink.builder(file).build().emit(PlinthEvent.of("disabled", "alpha", "1.0.0", "tx-3", Map.of()));
    Files.writeString(file, "not json at all\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    assertThat(sink.read(EventQuery.all())).as("a torn multi-byte character hides no later event")
        .extracting(PlinthEvent::type).containsExactly("installed", "enabled", "disabled");
    assertThat(sink.unreadableLines()).containsExactly(3, 5);
    assertThat(sink.dropUnreadableLines()).isEqualTo(2);

    assertThat(sink.unreadableLines()).isEmpty();
    assertThat(sink.read(EventQuery.all())).extracting(PlinthEvent::type).containsExactly("installed", "enabled", "disabled");
    assertThat(sink.dropUnreadableLines()).isZero();
  }
}
