package ${package};

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

/** Installs the compiled plugin into a real plugin system, as the host in host.toml would. */
@PlinthTest(hostName = "plinth-demo-host", hostVersion = "2.4.0")
class PluginEntryTest {
  static final Path CLASSES = Path.of("target/classes");

  static BuiltBundle bundle(Path dir, String version) throws IOException {
    String toml = Files.readString(CLASSES.resolve("plugin.toml"))
        .replaceFirst("(?m)^version = \"[^\"]*\"", "version = \"" + version + "\"");
    return PluginBundle.builder("${pluginId}", version).manifestText(toml).classes(CLASSES).writeTarGz(dir);
  }

  static WorkItemPostCreate created() {
    WorkItem item = new WorkItem("wi-1", "slack-1", "s-1", "slack", "C1/1", "pending", "Hi", null, Instant.EPOCH);
    return new WorkItemPostCreate(item, "slack", "slack-1", new WebhookParseResult(true, null, null, Map.of()));
  }

  @Test
  void install_compiledClasses_startsAndObservesWorkItems(PlinthTestHost host, @TempDir Path out) throws IOException {
    assertThat(host.install(bundle(out, "1.0.0"))).isInstalled("1.0.0");
    assertThat(host.status("${pluginId}")).isStarted().isEnabled();

    var result = host.system().hooks().dispatch(AgentHooks.WORK_ITEM_POST_CREATE, created());

    assertThat(result).isNotBlocked().hasReceiptsFrom("${pluginId}").hasData(created());
    assertThat(result).receiptFrom("${pluginId}").hasStatus(ReceiptStatus.OK).notMutated();
  }

  /** Install, configure, execute, upgrade, rollback, uninstall, with a failure injected at each install phase. */
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
