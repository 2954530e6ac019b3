package dev.plinth.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @Test
  void run_fromNothing_everyStepAsExpectedAndTempFolderGone(@TempDir Path work) throws IOException {
    StringWriter text = new StringWriter();

    int code = Demo.run(new PrintWriter(text), work);

    String out = text.toString();
    assertThat(out).doesNotContain("UNEXPECTED");
    assertThat(code).as(out).isZero();
    // installed by github: coordinates, signature verified under the pinned-key policy
    assertThat(out).contains("install github:plinth-examples/redactor@v1.0.0", "=> installed redactor 1.0.0",
        "signature  verified  method=cosign-key", "policy=\"Plinth Examples\"  mode=require",
        "ok          isolated_lib signature verified under the require policy");
    // preflight refusal before download
    assertThat(out).contains("REFUSED hello at PREFLIGHT", "HOST_VERSION_MISMATCH",
        "archive requests for hello-2.0.0-noarch.tar.gz: 0");
    // hostile archive refused with its code
    assertThat(out).contains("REFUSED hostile_dot_dot_traversal at EXTRACT: ARCHIVE_ENTRY_UNSAFE");
    // two library versions
    assertThat(out).contains("plugin sees commons-lang3 3.12.0 (loaded by plinth:isolated_lib@1.0.0");
    // receipts from the agent run
    assertThat(out).containsPattern("tool\\.pre_exec +BLOCKED by guard")
        .containsPattern("receipt  guard +blocked")
        .containsPattern("receipt  redactor +ok .* ms  mutated \\[result\\.output]")
        .containsPattern("receipt  hello +ok .* ms  unchanged")
        .doesNotContain("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE");
    // upgrade, then a failed upgrade rolled back at health
    // A hanging handler, cut off at its timeout under both policies.
    assertThat(out).containsPattern("receipt  stall +timeout +[0-9.]+ ms  unchanged  \\(timeout: exceeded 250 ms,"
            + " still running; fail-open: chain continues")
        .containsPattern("tool\\.pre_exec +BLOCKED by stall")
        .containsPattern("receipt  stall +timeout .*fail-closed: chain stopped and blocked")
        .contains("> shell {command=./deploy.sh prod} not run: blocked by stall");
    assertThat(out).contains("=> upgraded redactor 1.0.0 -> 1.1.0", "AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]",
        "ROLLED BACK redactor at HEALTH: HEALTH_CHECK_FAILED", "restored redactor 1.1.0",
        "redactor now: 1.1.0, STARTED");
    // doctor and events
    assertThat(out).contains("plinth doctor:", "rolled_back", "every step behaved as expected");
    // the SLO report: the redactor burns its latency budget, Prometheus serves its calls
    assertThat(out).contains("SLOs over the last 6 h", "FIRING    slo_burn_fast  redactor",
        "redactor burns its latency budget: fast-burn alert firing")
        .containsPattern("redactor +\\d+ +100\\.00% .* BURNING slo_burn_fast/latency")
        .containsPattern("plinth_hook_calls_total\\{outcome=\"ok\",plugin=\"redactor\",point=\"tool.post_exec\"} \\d+");
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("left behind in the work folder").isEmpty();
    }
  }

  @Test
  void run_workDirCannotBeMade_exitCodeOne(@TempDir Path work) throws IOException {
    Path file = Files.writeString(work.resolve("not-a-folder"), "x");
    StringWriter text = new StringWriter();

    assertThat(Demo.run(new PrintWriter(text), file.resolve("sub"))).isEqualTo(1);
    assertThat(text.toString()).startsWith("cannot create the demo's temp folder in ");
  }
}
