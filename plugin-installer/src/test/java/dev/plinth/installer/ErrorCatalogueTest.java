package dev.plinth.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md lists exactly the front-half codes of InstallErrorCode, once each. */
class ErrorCatalogueTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|.*\\|.*\\|.*\\|$");

  @Test
  void catalogue_frontHalfSection_listsExactlyTheFrontHalfCodes() throws Exception {
    List<String> section = codes(section("## plugin-installer: sources, download, trust, extraction"));
    List<String> front = Arrays.stream(InstallErrorCode.values())
        .filter(c -> c.ordinal() < InstallErrorCode.STORE_LOCKED.ordinal())
        .map(InstallErrorCode::code).toList();

    assertThat(section).doesNotHaveDuplicates();
    assertThat(section).containsExactlyInAnyOrderElementsOf(front);
  }

  @Test
  void catalogue_wholeFile_noCodeListedTwice() throws Exception {
    assertThat(codes(Files.readAllLines(catalogue()))).doesNotHaveDuplicates();
  }

  private static List<String> section(String heading) throws Exception {
    List<String> lines = Files.readAllLines(catalogue());
    int start = lines.indexOf(heading);
    assertThat(start).as("heading " + heading).isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  private static List<String> codes(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static Path catalogue() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/error-codes.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root with docs/error-codes.md").isNotNull();
    return dir.resolve("docs/error-codes.md");
  }
}
