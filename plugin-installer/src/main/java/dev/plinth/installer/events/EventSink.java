package dev.plinth.installer.events;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Where events go. Implementations must be thread-safe and must not throw from {@link #emit}. */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface EventSink {
  /** Drops every event. */
  EventSink NONE = event -> {};

  void emit(PlinthEvent event);

  /**
   * Opens a batch: until it closes, the sink may keep what it writes to open between events (the
   * event log keeps {@code events.jsonl} open instead of opening it for every event), which pays
   * when many events come in a burst, as when a host boots or closes. Every event is still
   * delivered when it is emitted, from any thread, in order; a batch changes what an event costs,
   * never whether or when it arrives. Batches nest: the sink lets go when the outermost one closes.
   *
   * <pre>{@code
   * try (EventSink.Batch batch = sink.batch()) {
   *   plugins.forEach(p -> sink.emit(started(p)));
   * }
   * }</pre>
   *
   * <p>The default does nothing, which is right for a sink that holds nothing open.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  default Batch batch() {
    return Batch.NONE;
  }

  /** An open {@link #batch()}; closing it twice is harmless, and it never throws. */
  @API(status = EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  interface Batch extends AutoCloseable {
    /** A batch that holds nothing. */
    Batch NONE = () -> {};

    @Override
    void close();
  }
}
