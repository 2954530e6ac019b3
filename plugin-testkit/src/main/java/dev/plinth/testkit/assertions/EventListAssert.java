package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.events.PlinthEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a list of {@link PlinthEvent}s; made by {@link PlinthAssertions#assertThat(List)}.
 * Detail values match when their text forms are equal ({@code "health"} matches the phase name,
 * {@code "2"} matches a number 2), so expectations can be written as plain strings.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EventListAssert extends AbstractAssert<EventListAssert, List<PlinthEvent>> {

  EventListAssert(List<PlinthEvent> actual) {
    super(List.copyOf(actual), EventListAssert.class);
  }

  /** At least one event of this type. */
  public EventListAssert containsEvent(String type) {
    return contains(type, null, Map.of());
  }

  /** At least one event of this type about this plugin. */
  public EventListAssert containsEventFor(String type, String pluginId) {
    return contains(type, pluginId, Map.of());
  }

  /** At least one event of this type about this plugin whose detail holds all these entries. */
  public EventListAssert containsEventFor(String type, String pluginId, Map<String, ?> detail) {
    return contains(type, pluginId, detail);
  }

  /** Exactly this many events. */
  public EventListAssert hasSize(int expected) {
    isNotNull();
    if (actual.size() != expected) {
      failWithMessage("Expected <%s> events but found <%s>: %s", expected, actual.size(), describe(actual));
    }
    return this;
  }

  /** No event of this type. */
  public EventListAssert doesNotContainEvent(String type) {
    isNotNull();
    List<PlinthEvent> found = actual.stream().filter(e -> e.type().equals(type)).toList();
    if (!found.isEmpty()) {
      failWithMessage("Expected no <%s> event but found %s", type, describe(found));
    }
    return this;
  }

  /** No event of this type about this plugin. */
  public EventListAssert doesNotContainEventFor(String type, String pluginId) {
    isNotNull();
    List<PlinthEvent> found = actual.stream().filter(e -> e.type().equals(type) && e.pluginId().equals(pluginId)).toList();
    if (!found.isEmpty()) {
      failWithMessage("Expected no <%s> event for <%s> but found %s", type, pluginId, describe(found));
    }
    return this;
  }

  private EventListAssert contains(String type, @Nullable String pluginId, Map<String, ?> detail) {
    isNotNull();
    boolean any = actual.stream().anyMatch(e -> matches(e, type, pluginId, detail));
    if (!any) {
      List<PlinthEvent> sameType = actual.stream().filter(e -> e.type().equals(type)).toList();
      failWithMessage("Expected an event <%s>%s%s but found %s; all event types: %s", type,
          pluginId == null ? "" : " for <" + pluginId + ">", detail.isEmpty() ? "" : " with detail " + detail,
          sameType.isEmpty() ? "no <" + type + "> event" : "only " + describe(sameType),
          actual.stream().map(PlinthEvent::type).distinct().toList());
    }
    return this;
  }

  static boolean matches(PlinthEvent e, String type, @Nullable String pluginId, Map<String, ?> detail) {
    if (!e.type().equals(type) || (pluginId != null && !e.pluginId().equals(pluginId))) {
      return false;
    }
    for (Map.Entry<String, ?> want : detail.entrySet()) {
      if (!e.detail().containsKey(want.getKey())
          || !Objects.equals(String.valueOf(e.detail().get(want.getKey())), String.valueOf(want.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<PlinthEvent> events) {
    return events.stream().map(e -> e.type() + "(" + e.pluginId() + (e.version().isEmpty() ? "" : "@" + e.version())
        + ") " + e.detail()).collect(Collectors.joining(", ", "[", "]"));
  }
}
