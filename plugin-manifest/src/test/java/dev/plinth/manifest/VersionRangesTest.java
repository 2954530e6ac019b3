package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.semver4j.Semver;

class VersionRangesTest {
  @ParameterizedTest
  @ValueSource(strings = {">=2.1.0 <3.0.0", "^1.0", ">=17", "~1.2", "1.2.x", "*", "x", "1.0.0 - 2.0.0",
      ">= 1.0", "~>1.2", "=1.0.0", "v1.2.3", "1.2.x || >=2.0.0 <3.0.0", ">=1.0.0-beta.2 <2", "17 - 25"})
  void problem_npmRanges_areAccepted(String range) {
    assertThat(VersionRanges.problem(range)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "garbage|is not a version range (cannot read `garbage`)",
      "=>1.0|is not a version range (cannot read `=>1.0`)",
      ">=1.0.0 <|is not a version range (cannot read `<`)",
      "1.2.3.4|is not a version range (cannot read `1.2.3.4`)",
      "latest|is not a version range (cannot read `latest`)",
      ">=1.0.0 ||  |has an empty alternative around `||`",
      "'  '|must not be empty (write `*` for any version)"})
  void problem_garbageThatSemver4jWouldAccept_isNamed(String range, String expected) {
    assertThat(VersionRanges.problem(range)).isEqualTo(expected);
  }

  @Test
  void compile_loneX_meansAnyVersion() {
    assertThat(VersionRanges.satisfies(Semver.of(5, 4, 3), "x")).isTrue();
    assertThat(VersionRanges.satisfies(Semver.of(5, 4, 3), "X || <1")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"17.0.15,17.0.15", "21,21.0.0", "25-ea,25.0.0", "21.0.2+13-LTS,21.0.2", "1.8.0_392,8.0.0",
      "11.0.2,11.0.2", "22.0.1.1,22.0.1"})
  void java_versionStrings_parseToFeatureRelease(String text, String expected) {
    assertThat(VersionRanges.java(text)).hasToString(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"seventeen", "", "ea-25", "v17"})
  void java_nonVersions_areNull(String text) {
    assertThat(VersionRanges.java(text)).isNull();
  }

  @Test
  void java_earlyAccess_satisfiesFeatureRange() {
    assertThat(VersionRanges.satisfies(VersionRanges.java("25-ea"), ">=21")).isTrue();
    assertThat(VersionRanges.satisfies(VersionRanges.java("17.0.15"), ">=21")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"2.3.0,2.3.0", "2.3,2.3.0", "2,2.0.0", "3.0.0-rc.1,3.0.0-rc.1"})
  void host_versions_areReadLeniently(String text, String expected) {
    assertThat(VersionRanges.host(text)).hasToString(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0+", "latest"})
  void strict_nonSemver_isNull(String text) {
    assertThat(VersionRanges.strict(text)).isNull();
  }
}
