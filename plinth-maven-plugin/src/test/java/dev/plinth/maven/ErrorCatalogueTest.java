package dev.plinth.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|.*\\|.*\\|.*\\|$");

  @Test
  void catalogue_mavenSection_listsExactlyTheEnum() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../docs/error-codes.md"));
    int start = lines.indexOf("## plinth-maven-plugin (`dev.plinth.maven.MavenErrorCode`)");
    assertThat(start).isNotNegative();
    List<String> listed = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (m.matches()) {
        listed.add(m.group(1));
      }
    }
    assertThat(listed).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(MavenErrorCode.values()).map(MavenErrorCode::code).toList());
  }
}
