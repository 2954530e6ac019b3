package dev.plinth.hooks;

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

class ErrorCatalogueTest {
  private static final Path CATALOGUE = Path.of("..", "docs", "error-codes.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]+)\\|([^|]+)\\|([^|]+)\\|$");

  private static List<String> sectionLines() throws IOException {
    List<String> lines = Files.readAllLines(CATALOGUE);
    int start = lines.indexOf("## plugin-hooks");
    assertThat(start).as("section heading").isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  @Test
  void hooksSection_listsExactlyTheEnumCodes_onceEach() throws IOException {
    List<String> codes = new ArrayList<>();
    for (String line : sectionLines()) {
      if (line.startsWith("| `")) {
        Matcher m = ROW.matcher(line);
        assertThat(m.matches()).as("row format: %s", line).isTrue();
        assertThat(m.group(4).trim()).as("next step of %s", m.group(1)).isNotEmpty();
        codes.add(m.group(1));
      }
    }

    assertThat(codes).doesNotHaveDuplicates();
    assertThat(codes).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(HookErrorCode.values()).map(HookErrorCode::code).toList());
  }

  @Test
  void hooksSection_markerReplaced() throws IOException {
    assertThat(sectionLines()).noneMatch(l -> l.contains("owned by plugin-hooks"));
  }
}
