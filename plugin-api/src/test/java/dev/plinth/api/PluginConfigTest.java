package dev.plinth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {
  private static Map<String, Object> sample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "reports");
    m.put("port", 8080);
    m.put("big", 5_000_000_000L);
    m.put("small", (short) 7);
    m.put("ratio", 0.5);
    m.put("debug", true);
    m.put("hosts", List.of("a.example", "b.example"));
    m.put("mixed", List.of("a", 1));
    m.put("nested", Map.of("depth", 2));
    return m;
  }

  @Test
  void typedGetters_returnValuesAndEmptyForAbsentKeys() {
    PluginConfig c = PluginConfig.of(sample());

    assertThat(c.getString("name")).contains("reports");
    assertThat(c.getLong("port")).contains(8080L);
    assertThat(c.getLong("big")).contains(5_000_000_000L);
    assertThat(c.getLong("small")).contains(7L);
    assertThat(c.getBoolean("debug")).contains(true);
    assertThat(c.getStringList("hosts")).containsExactly("a.example", "b.example");
    assertThat(c.getString("absent")).isEmpty();
    assertThat(c.getLong("absent")).isEmpty();
    assertThat(c.getBoolean("absent")).isEmpty();
    assertThat(c.getStringList("absent")).isEmpty();
    assertThat(PluginConfig.empty().asMap()).isEmpty();
  }

  @Test
  void wrongType_configInvalidNamingFieldValueAndFix() {
    PluginConfig c = PluginConfig.of(sample());

    assertThatThrownBy(() -> c.getString("port")).isInstanceOfSatisfying(PlinthException.class, e -> {
      assertThat(e.code()).isEqualTo(ApiErrorCode.CONFIG_INVALID);
      assertThat(e.getMessage()).isEqualTo("config.port must be a string: 8080");
      assertThat(e.nextStep()).isEqualTo("Set config.port to a string in the plugin's settings.");
      assertThat(e.details()).containsEntry("field", "config.port").containsEntry("value", "8080");
    });
    assertThatThrownBy(() -> c.getLong("ratio")).isInstanceOfSatisfying(PlinthException.class,
        e -> assertThat(e.getMessage()).isEqualTo("config.ratio must be an integer: 0.5"));
    assertThatThrownBy(() -> c.getLong("name")).isInstanceOf(PlinthException.class);
    assertThatThrownBy(() -> c.getBoolean("name")).isInstanceOfSatisfying(PlinthException.class,
        e -> assertThat(e.getMessage()).isEqualTo("config.name must be a boolean: reports"));
    assertThatThrownBy(() -> c.getStringList("mixed")).isInstanceOfSatisfying(PlinthException.class,
        e -> assertThat(e.getMessage()).isEqualTo("config.mixed must be a list of strings: [a, 1]"));
    assertThatThrownBy(() -> c.getStringList("name")).isInstanceOfSatisfying(PlinthException.class,
        e -> assertThat(e.details()).containsEntry("field", "config.name"));
  }

  @Test
  void of_copiesDeeply_laterChangesToTheSourceDoNotShow() {
    List<String> hosts = new ArrayList<>(List.of("a.example"));
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("depth", 2));
    Map<String, Object> source = new LinkedHashMap<>(Map.of("hosts", hosts, "nested", inner));
    PluginConfig c = PluginConfig.of(source);

    hosts.add("evil.example");
    inner.put("depth", 99);
    source.put("added", "x");

    assertThat(c.getStringList("hosts")).containsExactly("a.example");
    assertThat(c.asMap()).doesNotContainKey("added");
    assertThat(c.asMap().get("nested")).isEqualTo(Map.of("depth", 2));
    assertThatThrownBy(() -> c.asMap().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> copied = (List<Object>) c.asMap().get("hosts");
    assertThatThrownBy(() -> copied.add("x")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) c.asMap().get("nested");
    assertThatThrownBy(() -> nested.put("depth", 3)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void healthStatus_degradedStillServesUnhealthyDoesNot() {
    assertThat(HealthStatus.healthy().isUsable()).isTrue();
    assertThat(HealthStatus.healthy().detail()).isEmpty();
    assertThat(HealthStatus.degraded("slow disk").isUsable()).isTrue();
    assertThat(HealthStatus.unhealthy("db down")).isEqualTo(new HealthStatus(HealthStatus.State.UNHEALTHY, "db down"));
    assertThat(HealthStatus.unhealthy("db down").isUsable()).isFalse();
  }
}
