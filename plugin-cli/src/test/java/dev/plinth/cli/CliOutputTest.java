package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output when stdout and stderr share one terminal: both writers write to the same place. */
class CliOutputTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  private final StringWriter terminal = new StringWriter();
  private final CliOutput output =
      new CliOutput(new PrintWriter(terminal), new PrintWriter(terminal), false, false);

  @Test
  void fail_afterAnOpenProgressLine_startsOnALineOfItsOwn() {
    output.progress("[#####     ] 1.0 KiB / 2.0 KiB");

    output.fail("DOWNLOAD_FAILED", "connection reset", "Retry the install.", "download", null);

    assertThat(terminal.toString()).isEqualTo("\r[#####     ] 1.0 KiB / 2.0 KiB" + NL
        + "error DOWNLOAD_FAILED (phase download): connection reset" + NL + "  next step: Retry the install." + NL);
  }

  @Test
  void line_afterAnOpenProgressLine_endsTheProgressLineFirst() {
    output.progress("[##########] 2.0 KiB / 2.0 KiB");
    output.line("verify     sha256 ok");
    output.endProgress();

    assertThat(terminal.toString()).isEqualTo("\r[##########] 2.0 KiB / 2.0 KiB" + NL + "verify     sha256 ok" + NL);
  }

  @Test
  void summary_textWithItsOwnNewline_getsNoSecondOne() {
    output.summary("ok" + NL);
    output.summary("done");

    assertThat(terminal.toString()).isEqualTo("ok" + NL + "done" + NL);
  }

  @Test
  void preflight_toolNamespaceViolationOnASharedTerminal_everyLineEndsWithANewline() throws Exception {
    Path manifest = temp.resolve("plugin.toml");
    Files.writeString(manifest, "[plugin]\nid = \"acme\"\nversion = \"1.0.0\"\n[plugin.contributes]\ntools = [\"scan\"]\n");
    StringWriter shared = new StringWriter();
    PrintWriter writer = new PrintWriter(shared);

    int code = PlinthCli.run(writer, writer, "--home", temp.resolve("home").toString(), "preflight", manifest.toString());

    String text = shared.toString();
    List<String> lines = text.lines().toList();
    assertThat(code).isEqualTo(1);
    assertThat(text).endsWith(NL);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("        next step: Rename it to `acme_<descriptive>`")
        .endsWith("."));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("error TOOL_NAMESPACE_VIOLATION (phase preflight): "));
    assertThat(lines).noneMatch(l -> l.contains("next step") && l.contains("error TOOL_NAMESPACE_VIOLATION"));
  }
}
