package dev.plinth.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.runtime.PluginSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on a real port: install the hello plugin, create a work item over HTTP, read the actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringHostApplicationTest {
  /** The hello example's jar carries plugin.toml at its root, so it is a bundle by itself. */
  static final Path HELLO = Path.of("target/test-plugins/hello-plugin.jar");

  @TempDir static Path home;

  @DynamicPropertySource
  static void plinthHome(DynamicPropertyRegistry registry) {
    registry.add("plinth.home", () -> home.toString());
  }

  @Autowired PluginSystem plugins;
  @Autowired TestRestTemplate http;

  @Test
  @SuppressWarnings("unchecked")
  void workItem_afterInstallingHello_helloObservesItAndActuatorReportsIt() {
    plugins.install(InstallRequest.of(HELLO.toString()).withEnable(true).withAcknowledgePermissions(true));

    ResponseEntity<Map> created = http.postForEntity("/work-items", Map.of("id", "wi-42", "title", "Hello"), Map.class);
    assertThat(created.getStatusCode().value()).isEqualTo(200);
    assertThat(created.getBody()).containsEntry("id", "wi-42").containsEntry("blocked", false);
    assertThat((List<Map<String, Object>>) created.getBody().get("receipts")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("plugin", "hello").containsEntry("status", "OK").containsEntry("changed", false));

    Map<String, Object> plinth = http.getForObject("/actuator/plinth", Map.class);
    assertThat((List<Map<String, Object>>) plinth.get("plugins")).singleElement()
        .satisfies(p -> assertThat(p).containsEntry("id", "hello").containsEntry("state", "STARTED").containsEntry("version", "1.0.0"));
    assertThat((Map<String, Object>) plinth.get("doctor")).containsKey("store");
    assertThat(http.getForEntity("/actuator/plinth/absent", Map.class).getStatusCode().value()).isEqualTo(404);

    Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
    assertThat(health).containsEntry("status", "UP");
    Map<String, Object> component = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("plinth");
    assertThat(component).containsEntry("status", "UP");
    assertThat((Map<String, Object>) component.get("details")).containsEntry("plugins", 1);
  }
}
