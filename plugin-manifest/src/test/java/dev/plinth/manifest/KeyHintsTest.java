package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyHintsTest {
  private static final Set<String> RUNTIME = Set.of("entry", "classpath", "exports");

  @ParameterizedTest
  @CsvSource({"kitten,sitting,3", "classpth,classpath,1", "'',abc,3", "abc,'',3", "same,same,0",
      "flaw,lawn,2", "exprots,exports,2"})
  void distance_knownPairs_isLevenshtein(String a, String b, int expected) {
    assertThat(KeyHints.distance(a, b)).isEqualTo(expected);
    assertThat(KeyHints.distance(b, a)).isEqualTo(expected);
  }

  @Test
  void closest_oneTypo_suggestsKey() {
    assertThat(KeyHints.closest("classpth", RUNTIME)).contains("classpath");
    assertThat(KeyHints.closest("entyr", RUNTIME)).contains("entry");
  }

  @Test
  void closest_caseAndDashDifferences_suggestKey() {
    assertThat(KeyHints.closest("ClassPath", RUNTIME)).contains("classpath");
    assertThat(KeyHints.closest("timeout-ms", Set.of("timeout_ms", "point"))).contains("timeout_ms");
  }

  @Test
  void closest_farFromEveryKey_suggestsNothing() {
    assertThat(KeyHints.closest("dependencies", RUNTIME)).isEmpty();
    assertThat(KeyHints.closest("xyzzy", RUNTIME)).isEmpty();
  }

  @Test
  void closest_shortKey_onlyMatchesAtDistanceOne() {
    assertThat(KeyHints.closest("api", Set.of("ab"))).isEmpty();
    assertThat(KeyHints.closest("apo", Set.of("api"))).contains("api");
    assertThat(KeyHints.closest("xy", Set.of("id"))).isEmpty();
  }

  @Test
  void closest_tie_choosesAlphabeticallyFirst() {
    assertThat(KeyHints.closest("opem", List.of("open", "opel"))).contains("opel");
  }

  @Test
  void unknownKey_inManifest_carriesHintInNextStep() {
    ManifestReport report = ManifestParser.parse(
        "[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n[plugin.runtime]\nexprots = [\"a.b\"]\n");

    assertThat(report.issues()).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("MANIFEST_KEY_UNKNOWN");
      assertThat(i.severity()).isEqualTo(Severity.WARNING);
      assertThat(i.field()).isEqualTo("plugin.runtime.exprots");
      assertThat(i.nextStep()).startsWith("Did you mean `exports`?");
    });
    assertThat(report.ok()).isTrue();
  }
}
