package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);

  static String catalogue() throws Exception {
    Path file = Path.of("../docs/error-codes.md");
    return Files.readString(file);
  }

  @Test
  void cliSection_listsExactlyTheEnum() throws Exception {
    String all = catalogue();
    int start = all.indexOf("## plugin-cli");
    int end = all.indexOf("\n## ", start + 1);
    String section = all.substring(start, end < 0 ? all.length() : end);
    List<String> listed = new ArrayList<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(CliErrorCode.values()).map(CliErrorCode::code).toList());
  }

  @Test
  void wholeCatalogue_hasNoCodeTwice() throws Exception {
    Matcher m = ROW.matcher(catalogue());
    Set<String> seen = new HashSet<>();
    List<String> twice = new ArrayList<>();
    while (m.find()) {
      if (!seen.add(m.group(1))) {
        twice.add(m.group(1));
      }
    }
    assertThat(twice).isEmpty();
  }
}
