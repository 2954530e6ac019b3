package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The store's name checks are loops; they must accept exactly what the documented rules accept. */
class StoreLayoutNamesTest {
  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9_]{1,47}$");
  private static final Pattern VERSION = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z.+\\-]{0,127}$");
  private static final String ALPHABET = "az09_AZ.+-/ \\é\u0000";

  @Test
  void isIdAndIsVersionName_agreeWithTheRules_onEdgesAndRandomNames() {
    List<String> names = new ArrayList<>(List.of("", "a", "ab", "a_", "_a", "1a", "aB", "a".repeat(48),
        "a".repeat(49), "1", "1.0.0", "1.0.0-rc.1+build.5", ".1", "-1", "v1", "1/0", "1 0", "A".repeat(128),
        "A".repeat(129), "..", "p000", "acme_redactor"));
    Random r = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(i % 100 == 0 ? 140 : 6);
      for (int j = 0; j < n; j++) {
        b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      names.add(b.toString());
    }
    int ids = 0;
    int versions = 0;
    for (String name : names) {
      assertThat(StoreLayout.isId(name)).as("isId(%s)", name).isEqualTo(ID.matcher(name).matches());
      assertThat(StoreLayout.isVersionName(name)).as("isVersionName(%s)", name)
          .isEqualTo(VERSION.matcher(name).matches());
      ids += StoreLayout.isId(name) ? 1 : 0;
      versions += StoreLayout.isVersionName(name) ? 1 : 0;
    }
    // Both sides of each rule were exercised.
    assertThat(ids).isGreaterThan(100).isLessThan(names.size());
    assertThat(versions).isGreaterThan(100).isLessThan(names.size());
  }
}
