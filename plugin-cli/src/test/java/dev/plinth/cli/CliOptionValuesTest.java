package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option values out of range are usage errors that name the option and value, never internal errors. */
class CliOptionValuesTest {
  @TempDir Path tmp;

  @Test
  void events_limitBelowOne_isAUsageErrorNamingIt() {
    for (String limit : new String[] {"0", "-3"}) {
      CliRunner r = CliRunner.run("--home", tmp.toString(), "events", "--limit", limit);

      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("error USAGE_INVALID: --limit must be >= 1: " + limit)
          .contains("next step: Pass how many of the newest events to show")
          .doesNotContain("INTERNAL");
    }
  }

  @Test
  void events_limitBelowOne_json_isAUsageError() {
    CliRunner r = CliRunner.run("--home", tmp.toString(), "--json", "events", "--limit", "0");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().path("ok").asBoolean(true)).isFalse();
    assertThat(r.json().path("error").path("code").asText()).isEqualTo("USAGE_INVALID");
  }

  @Test
  void search_sourceTimeoutNotPositive_nextStepIsAboutTheTimeout() {
    CliRunner r = CliRunner.run("--home", tmp.toString(), "search", "--source", "folder:" + tmp, "--source-timeout", "0");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("error USAGE_INVALID: --source-timeout must be > 0: 0")
        .contains("next step: Pass the milliseconds the sources may take together");
  }
}
