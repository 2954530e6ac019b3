package dev.plinth.runtime;

import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event sink that keeps every event, for assertions. Thread-safe. */
public final class RecordingSink implements EventSink {
  private final List<PlinthEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void emit(PlinthEvent event) {
    events.add(event);
  }

  public List<PlinthEvent> all() {
    return List.copyOf(events);
  }

  public List<PlinthEvent> ofType(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  public List<String> types(String pluginId) {
    return events.stream().filter(e -> e.pluginId().equals(pluginId)).map(PlinthEvent::type).toList();
  }
}
