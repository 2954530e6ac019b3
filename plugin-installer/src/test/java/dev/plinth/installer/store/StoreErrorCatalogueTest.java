package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md, section "store and transactions", lists exactly the store's codes. */
class StoreErrorCatalogueTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]+)\\|([^|]+)\\|([^|]+)\\|\\s*$");

  private static Path catalogue() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/error-codes.md"))) {
      p = p.getParent();
    }
    assertThat(p).as("repository root holding docs/error-codes.md").isNotNull();
    return p.resolve("docs/error-codes.md");
  }

  static List<String> sectionCodes() throws Exception {
    List<String> lines = Files.readAllLines(catalogue());
    List<String> codes = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        in = line.equals("## plugin-installer: store and transactions");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (in && m.matches()) {
        codes.add(m.group(1));
        assertThat(m.group(4).trim()).as("next step of %s", m.group(1)).isNotEmpty();
      }
    }
    return codes;
  }

  /** The store block: every InstallErrorCode from STORE_LOCKED on. */
  static List<String> storeCodes() {
    List<String> out = new ArrayList<>();
    Arrays.stream(InstallErrorCode.values()).filter(c -> c.ordinal() >= InstallErrorCode.STORE_LOCKED.ordinal())
        .forEach(c -> out.add(c.code()));
    Arrays.stream(IntegrityCode.values()).forEach(c -> out.add(c.code()));
    return out;
  }

  @Test
  void storeSection_listsExactlyTheStoreCodes_withoutDuplicates() throws Exception {
    List<String> documented = sectionCodes();
    assertThat(documented).doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(storeCodes());
  }

  @Test
  void storeCodes_appearOnceInTheWholeCatalogue() throws Exception {
    String all = Files.readString(catalogue());
    for (String code : storeCodes()) {
      assertThat(all.split("\\| `" + code + "` \\|", -1)).as(code).hasSize(2);
    }
  }
}
