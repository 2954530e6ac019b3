package dev.plinth.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuntimeEventsTest {
  @Test
  void newCorrelationId_randomVersion4UuidsWithoutRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String id = RuntimeEvents.newCorrelationId();
      UUID u = UUID.fromString(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(u.toString()).isEqualTo(id);
      assertThat(seen.add(id)).as("repeated %s", id).isTrue();
    }
  }
}
