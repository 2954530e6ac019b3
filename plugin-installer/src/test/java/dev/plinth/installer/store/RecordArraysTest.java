package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Records as arrays of their components, read and written without data binding. */
class RecordArraysTest {
  private static final String RICH = """
      [plugin]
      id = "acme_rich"
      version = "1.2.3-rc.1+build.5"
      name = "Acme \\"Rich\\" \u00e9\u4e2d"
      description = "Every table\\nand a line break"
      authors = ["A <a@example.org>", "B"]
      license = "Apache-2.0"
      [plugin.engine]
      host = ">=1.0.0 <2.0.0"
      api = "^0.1.0"
      java = ">=17"
      [plugin.runtime]
      entry = "com.acme.Rich"
      classpath = ["classes", "lib/*.jar"]
      exports = ["com.acme.api"]
      activation = "lazy"
      [plugin.dependencies]
      zed_base = ">=1.0.0"
      acme_base = "^2.0.0"
      [plugin.contributes]
      hooks = ["tool.pre", "tool.post"]
      extensions = ["com.acme.Spi"]
      tools = ["acme_rich_scan", "acme_rich_fix"]
      deferred_tools = ["acme_rich_fix"]
      [[plugin.hooks]]
      point = "tool.pre"
      priority = -5
      timeout_ms = 250
      failure = "closed"
      [[plugin.hooks]]
      point = "tool.post"
      [plugin.permissions]
      network = ["*.acme.example"]
      secrets = ["KEY"]
      filesystem_read = ["${data_dir}/in"]
      filesystem_write = ["${data_dir}/out"]
      spawn = true
      capabilities = ["network", "process"]
      [plugin.config_schema]
      type = "object"
      [plugin.config_schema.properties.limit]
      type = "integer"
      default = 9007199254740993
      [plugin.config_schema.properties.ratio]
      type = "number"
      default = 0.25
      [plugin.config_schema.properties.flags]
      type = "array"
      default = [true, false]
      [[plugin.tools]]
      name = "acme_rich_scan"
      description = "Scans"
      input_schema = { type = "object", required = ["path"], properties = { path = { type = "string" } } }
      [plugin.crash_guard]
      max_failures = 3
      window_ms = 60000
      """;

  /** How the index was written before it stopped using data binding: each record as an array. */
  private static ObjectMapper databindArrays() {
    ObjectMapper m = Json.MAPPER.copy()
        .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    for (Class<?> type : List.of(PluginManifest.class, PluginManifest.Engine.class, PluginManifest.Runtime.class,
        PluginManifest.Contributes.class, PluginManifest.Tool.class, PluginManifest.CrashLimits.class,
        PluginManifest.HookPolicy.class, PluginManifest.Permissions.class, BootFacts.class, BootFacts.Jar.class)) {
      m.configOverride(type).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.ARRAY));
    }
    m.configOverride(PluginManifest.Permissions.class)
        .setIgnorals(JsonIgnoreProperties.Value.forIgnoredProperties("empty"));
    return m;
  }

  private static <T extends Record> T read(String json, Class<T> type) throws Exception {
    try (JsonParser p = RecordArrays.FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
      p.nextToken();
      T value = RecordArrays.read(p, type);
      assertThat(p.currentToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.END_ARRAY);
      assertThat(p.nextToken()).isNull();
      return value;
    }
  }

  private static String text(Record value) throws Exception {
    return new String(IndexFormat.arrayBytes(value), StandardCharsets.UTF_8);
  }

  @Test
  void manifest_everyTable_isWrittenByteForByteAsDataBindingWroteIt_andReadsBackEqual() throws Exception {
    dev.plinth.manifest.ManifestReport report = ManifestParser.parse(RICH);
    assertThat(report.errors()).isEmpty();
    PluginManifest m = report.orThrow();
    BootFacts facts = new BootFacts("1:dev.plinth.api", List.of(
        new BootFacts.Jar("lib/a.jar", 10, 20, "com.acme.Rich\n# comment\n"), new BootFacts.Jar("classes", 0, 30, null)));

    String written = text(m);

    // Index format 4 is unchanged: an index written by the earlier build reads, and the other way round.
    assertThat(written).isEqualTo(databindArrays().writeValueAsString(m));
    assertThat(text(facts)).isEqualTo(databindArrays().writeValueAsString(facts));
    assertThat(read(written, PluginManifest.class)).isEqualTo(m);
    assertThat(read(text(facts), BootFacts.class)).isEqualTo(facts);
    assertThat(databindArrays().readValue(written, PluginManifest.class)).isEqualTo(m);
    // Map order is the manifest's, and whole numbers stay Long as tomlj gives them.
    PluginManifest back = read(written, PluginManifest.class);
    assertThat(back.dependencies().keySet()).containsExactly("zed_base", "acme_base");
    @SuppressWarnings("unchecked")
    Map<String, Object> limit = (Map<String, Object>) ((Map<String, Object>) back.configSchema().get("properties")).get("limit");
    assertThat(limit.get("default")).isEqualTo(9007199254740993L);
    assertThat(back.permissions().capabilities()).containsExactly(Capability.NETWORK, Capability.PROCESS);
  }

  @Test
  void plainValues_nonFiniteAndHugeNumbers_andNulls_roundTripExactly() throws Exception {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("nan", Double.NaN);
    schema.put("inf", Double.NEGATIVE_INFINITY);
    schema.put("big", new java.math.BigInteger("123456789012345678901234567890"));
    schema.put("int", 7);
    schema.put("list", java.util.Arrays.asList("a", null, 2.5, List.of(), Map.of()));
    schema.put("nested", Map.of("k", List.of(Map.of("deep", true))));
    PluginManifest.Tool tool = new PluginManifest.Tool("acme_x", null, schema);

    PluginManifest.Tool back = read(text(tool), PluginManifest.Tool.class);

    assertThat(text(tool)).contains("\"nan\":NaN", "\"inf\":-Infinity");
    assertThat((Double) back.inputSchema().get("nan")).isNaN();
    assertThat(back.inputSchema().get("inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(back.inputSchema().get("big")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(back.inputSchema().get("int")).isEqualTo(7L);
    assertThat(back.inputSchema().get("list")).isEqualTo(java.util.Arrays.asList("a", null, 2.5, List.of(), Map.of()));
    assertThat(back.inputSchema().get("nested")).isEqualTo(schema.get("nested"));
    assertThat(back.description()).isNull();
  }

  @Test
  void valuesThatDoNotFit_failWithAMismatchNamingWhatWasExpected() {
    assertThatThrownBy(() -> read("[\"p\",1,2]", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("needs 4 values, found 3");
    assertThatThrownBy(() -> read("[\"p\",1,2,\"open\",5]", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("more than 4 values");
    assertThatThrownBy(() -> read("[\"p\",\"high\",2,\"open\"]", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("32-bit whole number");
    assertThatThrownBy(() -> read("[\"p\",4294967296,2,\"open\"]", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("32-bit whole number");
    assertThatThrownBy(() -> read("[null,1,2,\"open\"]", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("HookPolicy refuses its values")
        .hasMessageContaining("point");
    assertThatThrownBy(() -> read("[\"lib/a.jar\",null,2,null]", BootFacts.Jar.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("Jar.size must not be null");
    assertThatThrownBy(() -> read("[[],[],[],[],false,null,[\"TELEPATHY\"]]", PluginManifest.Permissions.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("Capability has no constant TELEPATHY");
    assertThatThrownBy(() -> read("{\"point\":\"p\"}", PluginManifest.HookPolicy.class))
        .isInstanceOf(RecordArrays.Mismatch.class).hasMessageContaining("must be an array");
    // Malformed JSON is the parser's error, not a mismatch: the whole file is corrupt.
    assertThatThrownBy(() -> read("[\"p\",1,2,\"open\"", PluginManifest.HookPolicy.class))
        .isNotInstanceOf(RecordArrays.Mismatch.class);
    assertThatThrownBy(() -> read("[\"p\",1,,\"open\"]", PluginManifest.HookPolicy.class))
        .isInstanceOf(JsonParseException.class);
  }

  record WithSet(Set<String> names) {}

  record WithPath(java.nio.file.Path where) {}

  record Nested(@Nullable Nested inner, List<Map<String, Long>> counts) {}

  @Test
  void recordsWithComponentTypesTheIndexCannotHold_areRefusedWhenFirstUsed() {
    assertThatThrownBy(() -> RecordArrays.check(WithSet.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("WithSet.names")
        .hasMessageContaining("java.util.Set<java.lang.String>");
    assertThatThrownBy(() -> RecordArrays.check(WithPath.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("WithPath.where");
  }

  @Test
  void recursiveRecordsAndNestedGenerics_roundTrip() throws Exception {
    Nested n = new Nested(new Nested(null, List.of(Map.of("a", 1L))), List.of(Map.of(), Map.of("b", -2L)));

    assertThat(text(n)).isEqualTo("[[null,[{\"a\":1}]],[{},{\"b\":-2}]]");
    assertThat(read(text(n), Nested.class)).isEqualTo(n);
  }
}
