package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/** Keeps the plugin-manifest section of docs/error-codes.md in step with {@link ManifestCode}. */
class ErrorCatalogueTest {
  private static final Path CATALOGUE = Path.of("..", "docs", "error-codes.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]+)\\|([^|]+)\\|([^|]+)\\|\\s*$");

  @Test
  void manifestSection_listsExactlyTheEnumCodes_withSeverityAndNextStep() throws IOException {
    List<String[]> rows = rows(section(Files.readAllLines(CATALOGUE)));

    List<String> codes = rows.stream().map(r -> r[0]).toList();
    assertThat(codes).doesNotHaveDuplicates();
    assertThat(codes).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ManifestCode.values()).map(ManifestCode::code).toList());
    for (String[] row : rows) {
      ManifestCode code = ManifestCode.valueOf(row[0]);
      assertThat(row[1].trim()).as("where column of %s", row[0])
          .startsWith(code.severity().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(row[2].trim()).as("meaning of %s", row[0]).isNotEmpty();
      assertThat(row[3].trim()).as("next step of %s", row[0]).isNotEmpty();
    }
  }

  @Test
  void wholeCatalogue_hasNoCodeTwice() throws IOException {
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(CATALOGUE)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        all.add(m.group(1));
      }
    }
    Set<String> seen = new HashSet<>();
    assertThat(all.stream().filter(c -> !seen.add(c)).toList()).as("codes listed twice").isEmpty();
    assertThat(all).hasSizeGreaterThanOrEqualTo(ManifestCode.values().length);
  }

  private static List<String> section(List<String> lines) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        in = line.equals("## plugin-manifest");
        continue;
      }
      if (in) {
        out.add(line);
      }
    }
    assertThat(out).as("section ## plugin-manifest").isNotEmpty();
    return out;
  }

  private static List<String[]> rows(List<String> lines) {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
      }
    }
    return rows;
  }
}
