package dev.plinth.examples.guard;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.examples.host.spi.AuditTrail;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.golden.GoldenScenario;
import dev.plinth.testkit.golden.SampleDispatch;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardPluginTest {
  static final Path CLASSES = Path.of("target/classes");
  static final String SPI = "dev.plinth.examples.host.spi";

  @TempDir Path temp;
  final List<String> audit = new CopyOnWriteArrayList<>();
  PlinthTestHost host;

  @BeforeEach
  void startHost() {
    AuditTrail trail = (plugin, message) -> audit.add(plugin + ": " + message);
    host = PlinthTestHost.builder(temp.resolve("host")).host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL).exportPackages(SPI)
        .customize(b -> b.hostService(AuditTrail.class, trail))
        .build();
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  static BuiltBundle bundle(Path dir, String version) throws IOException {
    String toml = Files.readString(CLASSES.resolve("plugin.toml"))
        .replaceFirst("(?m)^version = \"[^\"]*\"", "version = \"" + version + "\"");
    return PluginBundle.builder("guard", version).manifestText(toml).classes(CLASSES).writeTarGz(dir);
  }

  static ToolPreExec shell(String command) {
    return new ToolPreExec("shell", Map.of("command", command), "call-1", 0);
  }

  @Test
  void toolPreExec_rmRf_blockedAndAudited() throws IOException {
    assertThat(host.install(bundle(temp, "1.0.0"))).isInstalled("1.0.0");

    DispatchResult<ToolPreExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_PRE_EXEC, shell("rm -rf /srv/app"));

    assertThat(r).isBlockedBy("guard");
    assertThat(r).receiptFrom("guard").hasStatus(ReceiptStatus.BLOCKED);
    assertThat(audit).singleElement().asString().startsWith("guard: blocked shell call call-1: ");
  }

  @Test
  void toolPreExec_harmlessCommand_continues() throws IOException {
    host.install(bundle(temp, "1.0.0"));

    DispatchResult<ToolPreExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_PRE_EXEC, shell("ls -la"));

    assertThat(r).isNotBlocked().hasData(shell("ls -la"));
    assertThat(audit).isEmpty();
  }

  @Test
  void toolPreExec_denyToolsSetting_blocksThatTool() throws IOException {
    host.configure("guard", Map.of("deny_tools", List.of("drop_database")));
    host.install(bundle(temp, "1.0.0"));

    var r = host.system().hooks().dispatch(AgentHooks.TOOL_PRE_EXEC,
        new ToolPreExec("drop_database", Map.of("name", "prod"), "call-2", 1));

    assertThat(r).isBlockedBy("guard");
    assertThat(r.blockReason()).isEqualTo("tool 'drop_database' is on the deny list");
  }

  @Test
  void goldenScenario_passes() throws IOException {
    GoldenScenario.builder(temp.resolve("golden"), bundle(temp.resolve("v1"), "1.0.0"), bundle(temp.resolve("v2"), "1.0.1"))
        .host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL)
        .exportPackages(SPI)
        .sample(SampleDispatch.of(AgentHooks.TOOL_PRE_EXEC, shell("rm -rf /"), r -> r.blocked() && "guard".equals(r.blockedBy()))
            .describedAs("rm -rf blocked"))
        .build()
        .assertPassed();
  }
}
