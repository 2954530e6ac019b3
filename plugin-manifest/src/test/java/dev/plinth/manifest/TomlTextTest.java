package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A key is written bare exactly when TOML allows it, and quoted so tomlj reads it back otherwise. */
class TomlTextTest {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  @Test
  void bare_agreesWithTheBareKeyRule_andQuotedKeysReadBack() {
    Random r = new Random(7);
    String alphabet = "aZ09_-. \"\\=é";
    int bare = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(5); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String k = b.toString();
      assertThat(TomlText.bare(k)).as("bare(%s)", k).isEqualTo(BARE_KEY.matcher(k).matches());
      bare += TomlText.bare(k) ? 1 : 0;
      var parsed = org.tomlj.Toml.parse("[t]\n" + TomlText.key(k) + " = 1\n");
      assertThat(parsed.errors()).as("key %s", k).isEmpty();
      assertThat(parsed.getTable("t").keySet()).as("key %s", k).containsExactly(k);
    }
    assertThat(bare).isBetween(100, 4_900);
  }
}
