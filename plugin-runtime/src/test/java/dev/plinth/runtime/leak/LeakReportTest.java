package dev.plinth.runtime.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportTest {
  @Test
  void nextStep_namesWhatToDoForHoldersOrWhereElseToLook() {
    LeakReport held = new LeakReport("acme", "1.0.0", "plinth:acme@1.0.0#1",
        List.of(new LeakReport.Holder(LeakReport.Kind.THREAD, "acme-poller", "its context classloader is the plugin's")),
        false);
    LeakReport unseen = new LeakReport("acme", "1.0.0", "plinth:acme@1.0.0#1", List.of(), false);
    LeakReport inspected = new LeakReport("acme", "1.0.0", "plinth:acme@1.0.0#1", List.of(), true);

    assertThat(held.nextStep()).startsWith("Stop or remove the holders listed in acme's Plugin.stop()");
    assertThat(unseen.nextStep()).startsWith("No thread, JDBC driver, security provider, MBean, JVM-wide default or logging handler holds it.")
        .contains("--add-opens java.base/java.lang=ALL-UNNAMED", "shutdown hooks and thread-locals").contains("objects of acme").contains("GC.heap_dump");
    assertThat(inspected.nextStep()).startsWith("No thread, shutdown hook, thread-local, JDBC driver, security provider, MBean, JVM-wide default or logging handler holds it.")
        .doesNotContain("--add-opens");
    assertThat(held.names(LeakReport.Kind.THREAD)).containsExactly("acme-poller");
    assertThat(held.names(LeakReport.Kind.SHUTDOWN_HOOK)).isEmpty();
  }
}
