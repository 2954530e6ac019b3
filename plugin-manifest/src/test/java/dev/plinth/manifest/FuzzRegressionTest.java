package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz properties found bugs with ({@code src/test/resources/fuzz-regressions}). Surefire runs with -ea. */
class FuzzRegressionTest {
  private static String input(String name) throws Exception {
    Path p = Path.of(FuzzRegressionTest.class.getResource("/fuzz-regressions/" + name).toURI());
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  @Test
  void parse_malformedUnicodeEscape_isATomlSyntaxIssueNotAnAssertionError() throws Exception {
    ManifestReport report = ManifestParser.parse(input("malformed-unicode-escape.toml"));

    assertThat(report.manifest()).isEmpty();
    assertThat(report.issues()).extracting(ManifestIssue::code).contains(ManifestCode.TOML_SYNTAX.code());
  }

  @Test
  void parse_badEscapeInAQuotedKey_whichTomljThrowsRatherThanReports_isATomlSyntaxIssue() {
    String toml = "[\"lugin\\]\nid = \"acme_tool\"\n";

    ManifestReport report = ManifestParser.parse(toml);

    assertThat(report.manifest()).isEmpty();
    assertThat(report.issues()).extracting(ManifestIssue::code).containsExactly(ManifestCode.TOML_SYNTAX.code());
    assertThat(report.issues().get(0).message()).contains("line 1", "Invalid escape sequence");
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> HostProfiles.parse("[host]\nname = \"x\"\nversion = \"1.0.0\"\n" + toml));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ManifestCode.HOST_PROFILE_INVALID);
  }

  @Test
  void parse_numberTooLargeInAnEngineRange_isAnIssueOfThatFieldNotANumberFormatException() throws Exception {
    ManifestReport report = ManifestParser.parse(input("huge-number-in-range.toml"));

    assertThat(report.errors()).extracting(ManifestIssue::field).contains("plugin.engine.api");
    assertThat(report.errors()).extracting(ManifestIssue::message).anyMatch(m -> m.contains("too large"));
  }

  @Test
  void hostProfile_malformedUnicodeEscape_isHostProfileInvalid() throws Exception {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> HostProfiles.parse("[host]\nname = \"x\"\nversion = \"1.0.0\"\n" + input("malformed-unicode-escape.toml")));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ManifestCode.HOST_PROFILE_INVALID);
  }
}
