package dev.plinth.installer.events;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A second process writing to the same event log: {@code <file> <count> <writer> <maxBytes> <keep>}.
 * Prints {@code done} when every event is written.
 */
public final class EventWriterMain {
  private EventWriterMain() {}

  public static void main(String[] args) {
    JsonlEventSink sink = JsonlEventSink.builder(Path.of(args[0]))
        .maxBytes(Long.parseLong(args[3])).keep(Integer.parseInt(args[4])).build();
    write(sink, Integer.parseInt(args[1]), args[2]);
    System.out.println("done");
  }

  static void write(JsonlEventSink sink, int count, String writer) {
    for (int i = 0; i < count; i++) {
      sink.emit(new PlinthEvent("started", writer, "1.0.0", writer + "-" + i, Instant.now(), Map.of("n", i)));
    }
  }
}
