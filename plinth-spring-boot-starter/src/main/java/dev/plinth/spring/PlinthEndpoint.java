package dev.plinth.spring;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.PluginSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/plinth}: every plugin with its version, enabled flag and load state, and the
 * {@code doctor} report in its documented JSON form; {@code /actuator/plinth/{id}} for one plugin.
 * Exposed over HTTP only when {@code management.endpoints.web.exposure.include} lists {@code plinth}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Endpoint(id = "plinth")
public final class PlinthEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PluginSystem system;

  PlinthEndpoint(PluginSystem system) {
    this.system = system;
  }

  /** Plugins, their states, and the doctor report. */
  @ReadOperation
  public Map<String, Object> plinth() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("host", Map.of("name", system.hostProfile().hostName(), "version", String.valueOf(system.hostProfile().hostVersion())));
    out.put("home", system.home().toString());
    out.put("plugins", system.list().stream().map(PlinthEndpoint::plugin).toList());
    out.put("doctor", doctor());
    return out;
  }

  /** One plugin, or 404 when it is not installed. */
  @ReadOperation
  public @Nullable Map<String, Object> plugin(@Selector String id) {
    return system.info(id).map(PlinthEndpoint::plugin).orElse(null);
  }

  private Map<String, Object> doctor() {
    try {
      return JSON.readValue(system.doctor().toJson(), new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("doctor JSON must parse: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> plugin(PluginStatus p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("version", p.currentVersion());
    out.put("versions", List.copyOf(p.versions()));
    out.put("enabled", p.enabled());
    out.put("state", p.loadState().name());
    out.put("lastError", p.lastError());
    out.put("builtin", p.builtin());
    out.put("source", p.source());
    return out;
  }
}
