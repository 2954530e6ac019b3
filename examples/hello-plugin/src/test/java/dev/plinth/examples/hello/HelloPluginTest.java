package dev.plinth.examples.hello;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;

import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.WebhookParseResult;
import dev.plinth.hooks.agent.WorkItem;
import dev.plinth.hooks.agent.WorkItemPostCreate;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.golden.GoldenScenario;
import dev.plinth.testkit.golden.SampleDispatch;
import dev.plinth.testkit.junit.PlinthTest;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PlinthTest(hostName = "plinth-demo-host", hostVersion = "2.4.0")
class HelloPluginTest {
  static final Path CLASSES = Path.of("target/classes");

  static BuiltBundle bundle(Path dir, String version) throws IOException {
    String toml = Files.readString(CLASSES.resolve("plugin.toml"))
        .replaceFirst("(?m)^version = \"[^\"]*\"", "version = \"" + version + "\"");
    return PluginBundle.builder("hello", version).manifestText(toml).classes(CLASSES).writeTarGz(dir);
  }

  static WorkItemPostCreate created() {
    WorkItem item = new WorkItem("wi-7", "slack-1", "s-1", "slack", "C1/1", "pending", "Hi", null, Instant.EPOCH);
    return new WorkItemPostCreate(item, "slack", "slack-1", new WebhookParseResult(true, null, null, Map.of()));
  }

  @Test
  void install_fromCompiledClasses_startsHealthyAndObservesWorkItems(PlinthTestHost host, @TempDir Path out) throws IOException {
    assertThat(host.install(bundle(out, "1.0.0"))).isInstalled("1.0.0");
    assertThat(host.status("hello")).isStarted().isEnabled();

    var result = host.system().hooks().dispatch(AgentHooks.WORK_ITEM_POST_CREATE, created());

    assertThat(result).isNotBlocked().hasReceiptsFrom("hello").hasData(created());
    assertThat(result).receiptFrom("hello").hasStatus(ReceiptStatus.OK).notMutated();
  }

  @Test
  void install_hostOutsideEngineRange_refusedAtPreflight(@TempDir Path out) throws IOException {
    // The same bundle on a 3.x host: engine.host is ">=2.0.0 <3.0.0".
    try (PlinthTestHost host = PlinthTestHost.builder(out.resolve("h")).host("plinth-demo-host", "3.0.0")
        .hookPoints(AgentHooks.ALL).build()) {
      assertThat(host.install(bundle(out, "1.0.0"))).isFailedAt(dev.plinth.installer.Phase.PREFLIGHT);
    }
  }

  @Test
  void goldenScenario_passes(@TempDir Path work) throws IOException {
    GoldenScenario.builder(work, bundle(work.resolve("v1"), "1.0.0"), bundle(work.resolve("v2"), "1.0.1"))
        .host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL)
        .sample(SampleDispatch.of(AgentHooks.WORK_ITEM_POST_CREATE, created(), r -> !r.blocked() && r.receipts().size() == 1)
            .describedAs("observed, unchanged"))
        .build()
        .assertPassed();
  }
}
