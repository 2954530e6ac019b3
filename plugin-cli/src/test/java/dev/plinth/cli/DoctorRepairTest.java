package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plinth doctor} on damaged store metadata, and {@code doctor --repair}, end to end on a real home. */
class DoctorRepairTest {
  @TempDir Path temp;

  private CliRunner cli(Path home, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--home";
    all[1] = home.toString();
    all[2] = "--json";
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRunner.run(all);
  }

  private Path installedHome() throws Exception {
    Path home = PreflightAndPackTest.home(temp.resolve("home"));
    Path bundle = PreflightAndPackTest.plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    CliRunner install = cli(home, "install", bundle.toString(), "--enable");
    assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
    return home;
  }

  @Test
  void doctor_truncatedStateAndTornEventLine_reportsBothWithNextStepsInsteadOfFailing() throws Exception {
    Path home = installedHome();
    Files.writeString(home.resolve("state.json"), "{\"state_version\":1,\"plu");
    Files.writeString(home.resolve("events.jsonl"), "{\"type\":\"insta", StandardOpenOption.APPEND);

    CliRunner r = cli(home, "doctor");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("INTERNAL").doesNotContain("Exception");
    JsonNode problems = r.json().at("/result/integrity/problems");
    assertThat(problems.findValuesAsText("code")).containsExactlyInAnyOrder("STATE_UNREADABLE", "EVENTS_LINE_UNREADABLE");
    assertThat(problems.findValuesAsText("nextStep")).allSatisfy(s -> assertThat(s).contains("doctor --repair"));
  }

  @Test
  void doctorRepair_truncatedStateAndTornEventLine_repairsBothAndExitsZero() throws Exception {
    Path home = installedHome();
    Files.writeString(home.resolve("state.json"), "{\"state_version\":1,\"plu");
    Files.writeString(home.resolve("events.jsonl"), "{\"type\":\"insta", StandardOpenOption.APPEND);

    CliRunner r = cli(home, "doctor", "--repair");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode repairs = r.json().at("/result/repairs");
    assertThat(repairs.findValuesAsText("code")).containsExactly("STATE_UNREADABLE", "EVENTS_LINE_UNREADABLE");
    assertThat(repairs.findValues("repaired")).allSatisfy(n -> assertThat(n.asBoolean()).isTrue());
    assertThat(r.json().at("/result/plugins/0/enabled").asBoolean()).as("rebuilt state: disabled").isFalse();
    assertThat(cli(home, "doctor").exitCode()).isZero();
    assertThat(cli(home, "enable", "hello").exitCode()).isZero();
  }
}
