package dev.plinth.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.api.PlinthApi;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.testkit.bundle.BuiltBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenMatrixTest {
  @TempDir Path temp;

  @Test
  void run_incompatibleHostVersion_refusedAtPreflightAndReportedAsExpected() throws Exception {
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("dist"), "1.0.0", ">=1.0.0 <2.0.0", false, true);
    BuiltBundle v2 = GoldenPlugins.release(temp.resolve("dist"), "2.0.0", ">=2.0.0 <3.0.0", true, true);
    ToolPreExec data = new ToolPreExec("shell", Map.of("command", "ls"), "call-1", 1);

    MatrixReport report = GoldenMatrix.builder(temp.resolve("work"), v1, v2)
        .hostVersions("1.5.0", "2.1.0")
        .apiVersions(PlinthApi.VERSION, "2.0.0")
        .sample(SampleDispatch.perVersion(AgentHooks.TOOL_PRE_EXEC, data,
            (version, r) -> version.equals(r.data().toolInput().get("by"))))
        .build()
        .run();

    assertThat(report.cells()).hasSize(8);
    assertThat(report.cells()).filteredOn(c -> !c.passed()).as(report.toMarkdown()).isEmpty();
    MatrixCell refused = report.cell("1.0.0", "2.1.0", PlinthApi.VERSION).orElseThrow();
    assertThat(refused.expectedCompatible()).isFalse();
    assertThat(refused.outcome()).startsWith("Failed at preflight: ");
    assertThat(refused.detail()).startsWith("refused at preflight as expected");
    MatrixCell ok = report.cell("2.0.0", "2.1.0", PlinthApi.VERSION).orElseThrow();
    assertThat(ok.expectedCompatible()).isTrue();
    assertThat(ok.outcome()).isEqualTo("Installed 2.0.0");
    assertThat(ok.detail()).contains("STARTED", "tool.pre_exec: OK");
    assertThat(report.cell("2.0.0", "1.5.0", PlinthApi.VERSION).orElseThrow().expectedCompatible()).isFalse();
    // the facade has no API version setting: say so instead of pretending
    MatrixCell notVaried = report.cell("1.0.0", "1.5.0", "2.0.0").orElseThrow();
    assertThat(notVaried.apiVersionApplied()).isFalse();
    assertThat(report.apiVersionVaried()).isFalse();
    assertThat(report.note()).startsWith("API version not varied");
    assertThat(report.assertPassed()).isSameAs(report);

    JsonNode json = new ObjectMapper().readTree(report.writeJson(temp.resolve("matrix.json")).toFile());
    assertThat(json.get("cells")).hasSize(8);
    assertThat(json.get("api_version_varied").asBoolean()).isFalse();
    assertThat(json.get("cells").get(0).get("plugin_version").asText()).isEqualTo("1.0.0");
    String md = Files.readString(report.writeMarkdown(temp.resolve("matrix.md")));
    assertThat(md).contains("| 1.0.0 | 2.1.0 | " + PlinthApi.VERSION + " | refused at preflight | Failed at preflight")
        .contains("| 1.0.0 | 1.5.0 | 2.0.0 (not varied) | compatible | Installed 1.0.0 | PASSED |");
  }

  @Test
  void run_compatibleCellWhoseSampleFails_cellFails() {
    // compatible and installed, but the sample expects "by" = a version the plugin never writes
    BuiltBundle v1 = GoldenPlugins.release(temp.resolve("dist"), "1.0.0", ">=1.0.0 <2.0.0", false, true);
    ToolPreExec data = new ToolPreExec("shell", Map.of("command", "ls"), "call-1", 1);

    MatrixReport report = GoldenMatrix.builder(temp.resolve("work"), v1)
        .hostVersions("1.0.0")
        .sample(SampleDispatch.of(AgentHooks.TOOL_PRE_EXEC, data, r -> "9.9.9".equals(r.data().toolInput().get("by"))))
        .build()
        .run();

    assertThat(report.passed()).isFalse();
    assertThat(report.cells().get(0).detail()).contains("expectation not met for 1.0.0");
    assertThatThrownBy(report::assertPassed).hasMessageContaining("- plugin 1.0.0 host 1.0.0 api " + PlinthApi.VERSION);
  }
}
