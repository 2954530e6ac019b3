package dev.plinth.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.installer.Phase;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenScenarioTest {
  @TempDir Path temp;

  private static SampleDispatch<ToolPreExec> toolSample() {
    ToolPreExec data = new ToolPreExec("shell", Map.of("command", "ls"), "call-1", 1);
    return SampleDispatch.perVersion(AgentHooks.TOOL_PRE_EXEC, data, (version, r) ->
        !r.blocked()
            && version.equals(r.data().toolInput().get("by"))
            && "blue".equals(r.data().toolInput().get("tag"))
            && r.data().toolInput().get("command").equals(version.equals("2.0.0") ? "LS" : "ls"))
        .describedAs("by=<version>, tag=blue, command upper-cased from 2.0.0");
  }

  @Test
  void run_healthyUpgrade_passesEveryStepAndEveryPhase() throws Exception {
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("dist"), "1.0.0", ">=1.0.0 <2.0.0", false, true);
    BuiltBundle v2 = GoldenPlugins.release(temp.resolve("dist"), "2.0.0", ">=1.0.0 <2.0.0", true, true);

    GoldenReport report = GoldenScenario.builder(temp.resolve("work"), v1, v2)
        .config(Map.of("tag", "blue"))
        .sample(toolSample())
        .build()
        .run();

    assertThat(report.failedSteps()).as(report.toMarkdown()).isEmpty();
    assertThat(report.steps()).extracting(GoldenStep::name).containsExactly(
        "install 1.0.0", "configure", "execute 1.0.0", "upgrade to 2.0.0", "execute 2.0.0", "rollback to 1.0.0",
        "execute 1.0.0 after rollback", "uninstall", "install 1.0.0 for the fault sweep",
        "fail at resolve", "fail at preflight", "fail at download", "fail at verify", "fail at extract",
        "fail at prepare", "fail at activate", "fail at health", "fail at commit");
    assertThat(report.steps()).filteredOn(s -> s.phase() != null).extracting(GoldenStep::phase)
        .containsExactly(Phase.values());
    assertThat(report.step("execute 2.0.0").orElseThrow().detail()).contains("tool.pre_exec: OK changed=[toolInput]");
    assertThat(report.step("fail at health").orElseThrow().detail())
        .contains("at health", "home unchanged", "rolled_back event names health");
    assertThat(report.assertPassed()).isSameAs(report);
    assertThat(temp.resolve("work")).isEmptyDirectory();
  }

  @Test
  void run_v2FailsItsHealthCheck_reportsTheUpgradeAndTheCommitSweepAsFailed() {
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("dist"), "1.0.0", ">=1.0.0 <2.0.0", false, true);
    BuiltBundle v2 = GoldenPlugins.release(temp.resolve("dist"), "2.0.0", ">=1.0.0 <2.0.0", true, false);

    GoldenReport report = GoldenScenario.builder(temp.resolve("work"), v1, v2)
        .config(Map.of("tag", "blue"))
        .sample(toolSample())
        .phases(Phase.DOWNLOAD, Phase.HEALTH, Phase.COMMIT)
        .build()
        .run();

    assertThat(report.passed()).isFalse();
    GoldenStep upgrade = report.step("upgrade to 2.0.0").orElseThrow();
    assertThat(upgrade.status()).isEqualTo(StepStatus.FAILED);
    assertThat(upgrade.detail()).contains("expected Upgraded 1.0.0 -> 2.0.0", "RolledBack at health", "(restored 1.0.0)");
    assertThat(report.step("execute 2.0.0").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(report.step("uninstall").orElseThrow().detail()).isEqualTo("skipped: step 'upgrade to 2.0.0' failed");
    // the sweep still runs from a fresh install: v2 fails at health by itself, so only commit is wrong
    assertThat(report.step("fail at download").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
    assertThat(report.step("fail at health").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
    GoldenStep commit = report.step("fail at commit").orElseThrow();
    assertThat(commit.status()).isEqualTo(StepStatus.FAILED);
    assertThat(commit.detail()).contains("expected the upgrade to fail at commit but was RolledBack at health");

    assertThatThrownBy(report::assertPassed)
        .isInstanceOfSatisfying(TestkitException.class,
            e -> assertThat(e.code()).isEqualTo(TestkitErrorCode.GOLDEN_SCENARIO_FAILED))
        .hasMessageContaining("- upgrade to 2.0.0 [FAILED]")
        .hasMessageContaining("- fail at commit [FAILED]")
        .hasMessageContaining("- execute 2.0.0 [SKIPPED]");
  }

  @Test
  void reports_writeJsonAndMarkdownWithEveryStep() throws Exception {
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("dist"), "1.0.0", ">=1.0.0 <2.0.0", false, true);
    BuiltBundle v2 = GoldenPlugins.release(temp.resolve("dist"), "2.0.0", ">=1.0.0 <2.0.0", true, false);
    GoldenReport report = GoldenScenario.builder(temp.resolve("work"), v1, v2)
        .config(Map.of("tag", "blue")).sample(toolSample()).phases(Phase.EXTRACT).build().run();

    Path json = report.writeJson(temp.resolve("out/golden.json"));
    Path md = report.writeMarkdown(temp.resolve("out/golden.md"));

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("schema_version").asInt()).isEqualTo(1);
    assertThat(root.get("plugin").asText()).isEqualTo("acme_golden");
    assertThat(root.get("from_version").asText()).isEqualTo("1.0.0");
    assertThat(root.get("to_version").asText()).isEqualTo("2.0.0");
    assertThat(root.get("passed").asBoolean()).isFalse();
    assertThat(root.get("steps")).hasSize(report.steps().size());
    JsonNode extract = root.get("steps").get(report.steps().size() - 1);
    assertThat(extract.get("name").asText()).isEqualTo("fail at extract");
    assertThat(extract.get("phase").asText()).isEqualTo("extract");
    assertThat(extract.get("status").asText()).isEqualTo("PASSED");
    assertThat(root.get("steps").get(0).get("phase").isNull()).isTrue();

    String text = Files.readString(md);
    assertThat(text).startsWith("# Golden scenario: acme_golden 1.0.0 → 2.0.0")
        .contains("- result: **FAILED**")
        .contains("| 4 | upgrade to 2.0.0 | FAILED |")
        .contains("| 10 | fail at extract | PASSED |");
    assertThat(text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| #"))).hasSize(report.steps().size());
  }

  @Test
  void builder_differentPluginsOrNoNewerVersion_refused() {
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("a"), "1.0.0", "*", false, true);
    BuiltBundle same = GoldenPlugins.release(temp.resolve("b"), "1.0.0", "*", false, true);

    assertThatThrownBy(() -> GoldenScenario.builder(temp, v1, same))
        .isInstanceOfSatisfying(TestkitException.class,
            e -> assertThat(e.code()).isEqualTo(TestkitErrorCode.GOLDEN_SETUP_INVALID))
        .hasMessage("v2 version must be a semver newer than v1: 1.0.0 -> 1.0.0");
    assertThatThrownBy(() -> GoldenScenario.builder(temp, v1, GoldenPlugins.release(temp.resolve("c"), "2.0.0", "*", false, true)).build())
        .hasMessageStartingWith("samples must not be empty");
    BuiltBundle other = PluginBundle.builder("acme_other", "2.0.0").writeTarGz(temp.resolve("d"));
    assertThatThrownBy(() -> GoldenScenario.builder(temp, v1, other))
        .hasMessage("v2 must be a bundle of the same plugin as v1: acme_golden vs acme_other");
  }
}
