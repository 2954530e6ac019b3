package dev.plinth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCodesDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]+)\\|([^|]+)\\|([^|]+)\\|\\s*$");

  private static List<String> lines() throws IOException {
    Path doc = Path.of("..", "docs", "error-codes.md");
    return Files.readAllLines(doc);
  }

  /** Codes listed in the table rows of one section (from its heading to the next {@code ## }). */
  private static List<String> section(List<String> lines, String heading) {
    List<String> codes = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inside = line.startsWith(heading);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (inside && m.matches()) {
        codes.add(m.group(1));
      }
    }
    return codes;
  }

  @Test
  void runtimeSection_listsExactlyTheEnumWithoutDuplicates() throws IOException {
    List<String> documented = section(lines(), "## plugin-runtime");
    List<String> declared = Arrays.stream(RuntimeErrorCode.values()).map(RuntimeErrorCode::code).toList();

    assertThat(documented).doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void runtimeCodes_appearInNoOtherSection() throws IOException {
    List<String> lines = lines();
    List<String> elsewhere = new ArrayList<>();
    String current = "";
    for (String line : lines) {
      if (line.startsWith("## ")) {
        current = line;
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (m.matches() && !current.startsWith("## plugin-runtime")) {
        elsewhere.add(m.group(1));
      }
    }

    assertThat(elsewhere).doesNotContainAnyElementsOf(
        Arrays.stream(RuntimeErrorCode.values()).map(RuntimeErrorCode::code).toList());
  }
}
