package dev.plinth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCodeCatalogTest {
  private static final Path CATALOG = Path.of("..", "docs", "error-codes.md");

  @Test
  void catalogSection_listsExactlyTheEnumCodes() throws Exception {
    String doc = Files.readString(CATALOG);
    int start = doc.indexOf("## plugin-testkit");
    assertThat(start).as("section '## plugin-testkit' in %s", CATALOG).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);

    Matcher m = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(section);
    List<String> documented = m.results().map(r -> r.group(1)).toList();

    assertThat(documented).containsExactlyElementsOf(
        Arrays.stream(TestkitErrorCode.values()).map(TestkitErrorCode::code).toList());
  }

  @Test
  void codes_upperSnakeAndUnique() {
    List<String> codes = Arrays.stream(TestkitErrorCode.values()).map(TestkitErrorCode::code).toList();

    assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z][A-Z0-9_]+"));
  }
}
