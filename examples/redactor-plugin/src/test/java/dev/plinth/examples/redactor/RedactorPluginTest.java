package dev.plinth.examples.redactor;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolResult;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.bundle.PluginBundleBuilder;
import dev.plinth.testkit.golden.GoldenScenario;
import dev.plinth.testkit.golden.SampleDispatch;
import dev.plinth.testkit.junit.PlinthTest;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PlinthTest(hostName = "plinth-demo-host", hostVersion = "2.4.0")
class RedactorPluginTest {
  static final Path CLASSES = Path.of("target/classes");
  static final String OUTPUT = "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nticket OPS-48213";

  /** The built plugin; {@code kindLabels} adds the release.properties that 1.1.0 ships. */
  static BuiltBundle bundle(Path dir, String version, boolean kindLabels) throws IOException {
    String toml = Files.readString(CLASSES.resolve("plugin.toml"))
        .replaceFirst("(?m)^version = \"[^\"]*\"", "version = \"" + version + "\"");
    PluginBundleBuilder b = PluginBundle.builder("redactor", version).manifestText(toml).classes(CLASSES);
    if (kindLabels) {
      b.resource("dev/plinth/examples/redactor/release.properties", "labels = kind\n");
    }
    return b.writeTarGz(dir);
  }

  static ToolPostExec toolRan(String output) {
    return new ToolPostExec("shell", Map.of("command", "cat deploy.env"), new ToolResult(true, output, null), 3, 0);
  }

  @Test
  void toolPostExec_secretsInOutput_redactedAndOnlyOutputChanged(PlinthTestHost host, @TempDir Path out) throws IOException {
    host.configure("redactor", Map.of("patterns", List.of("OPS-[0-9]{5}")));
    assertThat(host.install(bundle(out, "1.0.0", false))).isInstalled("1.0.0");

    DispatchResult<ToolPostExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_POST_EXEC, toolRan(OUTPUT));

    assertThat(r.data().result().output()).isEqualTo("AWS_ACCESS_KEY_ID=[REDACTED]\nticket [REDACTED]");
    assertThat(r).receiptFrom("redactor").hasStatus(ReceiptStatus.OK).mutated().changedFields("result.output");
  }

  @Test
  void toolPostExec_cleanOutput_unchanged(PlinthTestHost host, @TempDir Path out) throws IOException {
    host.install(bundle(out, "1.0.0", false));

    DispatchResult<ToolPostExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_POST_EXEC, toolRan("all good"));

    assertThat(r).hasData(toolRan("all good"));
    assertThat(r).receiptFrom("redactor").notMutated();
  }

  @Test
  void upgrade_toRelease110_labelsKinds(PlinthTestHost host, @TempDir Path out) throws IOException {
    host.install(bundle(out.resolve("v1"), "1.0.0", false));
    assertThat(host.install(bundle(out.resolve("v2"), "1.1.0", true))).isUpgraded("1.0.0", "1.1.0");

    DispatchResult<ToolPostExec> r = host.system().hooks().dispatch(AgentHooks.TOOL_POST_EXEC, toolRan(OUTPUT));

    assertThat(r.data().result().output()).startsWith("AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]").contains("OPS-48213");
  }

  @Test
  void goldenScenario_v100To110_passes(@TempDir Path work) throws IOException {
    GoldenScenario.builder(work, bundle(work.resolve("v1"), "1.0.0", false), bundle(work.resolve("v2"), "1.1.0", true))
        .host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL)
        .sample(SampleDispatch.perVersion(AgentHooks.TOOL_POST_EXEC, toolRan(OUTPUT), (version, r) ->
                r.data().result().output().startsWith(version.equals("1.0.0")
                    ? "AWS_ACCESS_KEY_ID=[REDACTED]\n" : "AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]\n"))
            .describedAs("1.0.0 plain labels, 1.1.0 kind labels"))
        .build()
        .assertPassed();
  }
}
