package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The plain-TOML reader either gives up or agrees with tomlj, value for value and issue for issue. */
class SimpleTomlTest {

  static Stream<Path> corpus() {
    return ManifestCasesTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void parse_everyCaseFile_givesUpOrAgreesWithTomlj(Path file) throws IOException {
    assertAgrees(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[plugin]\nid = \"a\"\nversion = \"1.0.0\"\n",
      "[plugin]\r\nid = 'lit\\eral'\r\nversion = \"1.0.0\" # trailing\r\n",
      "# only a comment",
      "",
      "[plugin.runtime]\nclasspath = [\n  \"lib/*.jar\", # jars\n  \"classes\",\n]\n[plugin]\nid = \"x\"\n",
      "[ plugin . permissions ]\nfilesystem = { read = [\"a\"], write = [] }\nn = -12\nb = true\nf = false\n",
      "[plugin]\ns = \"esc \\\" \\\\ \\n \\t \\u00e9 \\U0001F600\"\nu = \"ünï\"\n",
      "[plugin]\nx = [[1, 2], [3]]\ny = [{ a = 1 }, { b = \"c\" }]\nz = []\n",
      "[plugin]\nbig = 123456789012345678\nzero = 0\nplus = +7\n",
      // outside the subset or invalid: tomlj decides
      "[plugin]\nid = \"a\"\nid = \"b\"\n",
      "[plugin]\n[plugin]\n",
      "[plugin]\na.b = 1\n",
      "[plugin]\n\"quoted\" = 1\n",
      "[[plugin]]\nid = \"a\"\n",
      "[plugin]\n[[plugin.hooks]]\npoint = \"a\"\n[[plugin.hooks]]\npoint = \"b\"\n[plugin.hooks.sub]\nx = 1\n",
      "[plugin]\nhooks = [{ point = \"a\" }]\n[[plugin.hooks]]\npoint = \"b\"\n",
      "[plugin]\n[[plugin.hooks]]\n[plugin.hooks]\n",
      "[plugin]\n[plugin.hooks]\n[[plugin.hooks]]\n",
      "[plugin]\n[[plugin.hooks] ]\n",
      "[plugin]\nx = 1.5\n",
      "[plugin]\nx = 1_000\n",
      "[plugin]\nx = 0x1F\n",
      "[plugin]\nx = 1979-05-27\n",
      "[plugin]\nx = \"\"\"multi\"\"\"\n",
      "[plugin]\nx = '''multi'''\n",
      "[plugin]\nx = [1, \"a\"]\n",
      "[plugin]\nx = { a = 1, }\n",
      "[plugin]\nx = { a = 1,\n b = 2 }\n",
      "[plugin]\nx = 1\n[plugin.x]\n",
      "[plugin]\nx = { a = 1 }\n[plugin.x]\n",
      "[plugin.a.b]\n[plugin]\na = 1\n",
      "[plugin]\nx = \"bad \\q escape\"\n",
      "[plugin]\nx = \"unterminated\n",
      "[plugin]\nx = 01\n",
      "[plugin]\nx = 1234567890123456789012\n",
      "[plugin]\nx = truex\n",
      "[plugin]\nx = 1 2\n",
      "[plugin]\rx = 1\r",
      "[plugin]\nx = \"tab\there\"\n",
      "[plugin]\nx = \"\u0001\"\n",
      "\uFEFF[plugin]\nid = \"a\"\n",
      "[plugin]\nid = \"a\" [x]\n",
      "[plugin]\nx = [1 2]\n",
      "[plugin]\nx =\n",
      "= 1\n",
  })
  void parse_edgeCases_giveUpOrAgreeWithTomlj(String toml) {
    assertAgrees(toml);
  }

  @Test
  void parse_typicalManifests_takeTheFastPath() throws IOException {
    for (String name : List.of("minimal", "design_example", "permissions_full", "config_schema_full")) {
      String text = Files.readString(ManifestCasesTest.resource("manifests/valid/" + name + ".toml"));
      assertThat(SimpleToml.parse(text)).as(name).isNotNull();
    }
    assertThat(SimpleToml.parse("[plugin]\nid = \"p000\"\nversion = \"1.0.0\"\n\n[plugin.runtime]\nclasspath = [\"lib/*.jar\"]\n"))
        .isNotNull();
  }

  private static void assertAgrees(String toml) {
    TomlParseResult fast = SimpleToml.parse(toml);
    if (fast == null) {
      return;
    }
    TomlParseResult slow = Toml.parse(toml);
    assertThat(slow.errors()).as("tomlj errors for text the fast path accepted:%n%s", toml).isEmpty();
    assertThat(plain(fast)).isEqualTo(plain(slow));
    assertThat(fast.keyPathSet(true)).containsExactlyInAnyOrderElementsOf(slow.keyPathSet(true));
    ManifestReport viaFast = ManifestValidator.validate(fast);
    ManifestReport viaSlow = ManifestValidator.validate(slow);
    assertThat(viaFast.issues()).isEqualTo(viaSlow.issues());
    assertThat(viaFast.manifest()).isEqualTo(viaSlow.manifest());
  }

  /** Tables and arrays as ordered maps and lists, so two parsers' results compare with equals. */
  private static Object plain(Object v) {
    if (v instanceof TomlTable t) {
      Map<String, Object> m = new LinkedHashMap<>();
      t.keySet().forEach(k -> m.put(k, plain(t.get(List.of(k)))));
      return new ArrayList<>(m.entrySet());
    }
    if (v instanceof TomlArray a) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        l.add(plain(a.get(i)));
      }
      return l;
    }
    return v;
  }
}
