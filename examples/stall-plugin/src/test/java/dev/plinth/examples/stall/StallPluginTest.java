package dev.plinth.examples.stall;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.hooks.agent.ToolResult;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StallPluginTest {
  static final Path CLASSES = Path.of("target/classes");

  @TempDir Path temp;
  PlinthTestHost host;

  @BeforeEach
  void startHost() throws IOException {
    host = PlinthTestHost.builder(temp.resolve("host")).host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL).build();
    BuiltBundle bundle = PluginBundle.builder("stall", "1.0.0")
        .manifestText(java.nio.file.Files.readString(CLASSES.resolve("plugin.toml")))
        .classes(CLASSES).writeTarGz(temp);
    assertThat(host.install(bundle)).isInstalled("1.0.0");
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  static ToolPreExec shell(String command) {
    return new ToolPreExec("shell", Map.of("command", command), "call-1", 0);
  }

  @Test
  void toolPreExec_deployment_timesOutAndFailsClosed() {
    DispatchResult<ToolPreExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_PRE_EXEC, shell("./deploy.sh prod"));

    assertThat(r).isBlockedBy("stall");
    assertThat(r).receiptFrom("stall").hasStatus(ReceiptStatus.TIMEOUT);
    assertThat(r.receipts()).singleElement().satisfies(receipt -> {
      assertThat(receipt.stillRunning()).isTrue();
      assertThat(receipt.durationNanos()).isLessThan(5_000_000_000L);
    });
  }

  @Test
  void toolPreExec_otherCommand_continuesAtOnce() {
    DispatchResult<ToolPreExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_PRE_EXEC, shell("ls -la"));

    assertThat(r).isNotBlocked();
    assertThat(r).receiptFrom("stall").hasStatus(ReceiptStatus.OK);
  }

  @Test
  void toolPostExec_auditUploadHangs_timesOutAndFailsOpen() {
    ToolPostExec data = new ToolPostExec("shell", Map.of("command", "ls"), new ToolResult(true, "a b", null), 3, 0);

    DispatchResult<ToolPostExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_POST_EXEC, data);

    assertThat(r).isNotBlocked().hasData(data);
    assertThat(r).receiptFrom("stall").hasStatus(ReceiptStatus.TIMEOUT);
  }
}
