package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.slo.PluginSlo;
import dev.plinth.runtime.slo.SloAlert;
import dev.plinth.runtime.slo.SloReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloCommandTest {
  @TempDir Path home;

  private void snapshot() throws Exception {
    PluginSlo slow = new PluginSlo("slowpoke", "1.0.0", 0.99, null, 40, 0, 10, 0, 0, 30, 0.75, 80, 260, 300,
        25.0, 15.0, -24.0, List.of("slo_burn_fast/availability"), 12.5, 0.4, Map.of("installed", 1L));
    PluginSlo fine = new PluginSlo("steady", "2.0.0", 0.99, 50.0, 100, 0, 0, 3, 0, 0, 1.0, 0.01, 0.02, 0.03,
        0, 0, 1, List.of(), null, null, Map.of());
    SloAlert alert = new SloAlert("slowpoke", "slo_burn_fast", "availability", SloAlert.State.FIRING, 25, 25, 14.4,
        3600, 300, Instant.now().toString());
    Files.writeString(home.resolve("slo.json"),
        new SloReport(Instant.now().toString(), 21600, List.of(slow, fine), List.of(alert)).toJson());
  }

  @Test
  void slo_snapshot_printsTableWithBurningPlugin() throws Exception {
    snapshot();

    CliRunner r = CliRunner.run("slo", "--home", home.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("SLOs over the last 6 h", "BURNING slo_burn_fast/availability", "steady", "recent alerts:")
        .containsPattern("slowpoke +40 +75.00% +99.00%");
  }

  @Test
  void slo_jsonAndPluginFilter_onlyThatPlugin() throws Exception {
    snapshot();

    CliRunner r = CliRunner.run("slo", "--home", home.toString(), "--json", "--plugin", "steady");

    assertThat(r.exitCode()).isZero();
    assertThat(r.json().at("/result/plugins")).hasSize(1);
    assertThat(r.json().at("/result/plugins/0/pluginId").asText()).isEqualTo("steady");
    assertThat(r.json().at("/result/recentAlerts")).isEmpty();
  }

  @Test
  void slo_noSnapshot_failsWithCode() {
    CliRunner r = CliRunner.run("slo", "--home", home.toString(), "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("SLO_SNAPSHOT_MISSING");
  }

  @Test
  void slo_damagedSnapshot_failsWithCode() throws Exception {
    Files.writeString(home.resolve("slo.json"), "{\"plugins\": 7");

    CliRunner r = CliRunner.run("slo", "--home", home.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("SLO_SNAPSHOT_INVALID");
  }
}
