package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.json} is read with the streaming parser exactly as it is written. */
class StateFileTest {
  @TempDir Path tmp;

  @Test
  void written_readsBackEqual_andAsDataBindingReadsIt() throws Exception {
    StoreLayout layout = new StoreLayout(tmp);
    Map<String, PluginState> plugins = new TreeMap<>(Map.of(
        "alpha", new PluginState(true, "ab12", null),
        "beta", new PluginState(false, null, "1.2.3"),
        "gamma", new PluginState(true, "\u00e9\"quoted\"", "2.0.0-rc.1")));

    StateFile.write(layout, plugins);
    byte[] bytes = Files.readAllBytes(layout.stateFile());

    assertThat(StateFile.read(layout)).isEqualTo(plugins);
    assertThat(Json.MAPPER.readValue(bytes, StateFile.Content.class).plugins()).isEqualTo(StateFile.parse(bytes));
  }

  @Test
  void unknownFieldsAndNulls_areAcceptedAsBefore() throws Exception {
    String json = "{\"future\":{\"x\":[1,2]},\"plugins\":{\"alpha\":{\"enabled\":null,\"extra\":[{}],"
        + "\"pinned_version\":\"1.0.0\"},\"beta\":{}},\"state_version\":1}";

    assertThat(StateFile.parse(json.getBytes(StandardCharsets.UTF_8))).containsExactly(
        Map.entry("alpha", new PluginState(false, null, "1.0.0")), Map.entry("beta", PluginState.DEFAULT));
  }

  @Test
  void wrongTypesOrNoPluginsObject_areRefusedAsCorrupt() throws Exception {
    for (String json : new String[] {
        "{\"plugins\":{\"alpha\":{\"enabled\":\"yes\"}}}",
        "{\"plugins\":{\"alpha\":{\"pinned_version\":7}}}",
        "{\"plugins\":{\"alpha\":[]}}",
        "{\"plugins\":[]}",
        "{\"state_version\":1}",
        "[]",
        "{\"plugins\":{}} {}",
        "{\"plugins\":{\"alpha\":{\"enabled\":true}"}) {
      assertThatThrownBy(() -> StateFile.parse(json.getBytes(StandardCharsets.UTF_8)))
          .as(json).isInstanceOf(java.io.IOException.class);
    }
    StoreLayout layout = new StoreLayout(tmp);
    Files.createDirectories(tmp);
    Files.writeString(layout.stateFile(), "{\"plugins\":{\"alpha\":{\"enabled\":1}}}");
    assertThatThrownBy(() -> StateFile.read(layout))
        .isInstanceOfSatisfying(InstallException.class,
            e -> assertThat(e.code()).isEqualTo(InstallErrorCode.STORE_CORRUPT))
        .hasMessageContaining("state.json");
  }
}
