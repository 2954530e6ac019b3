package dev.plinth.installer.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md lists exactly the codes of ReleaseErrorCode in its own section. */
class ReleaseErrorCatalogueTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|.*\\|.*\\|.*\\|$");

  @Test
  void catalogue_releaseSection_listsExactlyTheEnum() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/error-codes.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).isNotNull();
    List<String> lines = Files.readAllLines(dir.resolve("docs/error-codes.md"));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("## plugin-installer: packing and signing")) {
        start = i;
      }
    }
    assertThat(start).isNotNegative();
    List<String> listed = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (m.matches()) {
        listed.add(m.group(1));
      }
    }
    assertThat(listed).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ReleaseErrorCode.values()).map(ReleaseErrorCode::code).toList());
  }
}
