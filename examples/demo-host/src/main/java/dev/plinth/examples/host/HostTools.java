package dev.plinth.examples.host;

import dev.plinth.examples.host.spi.ToolProvider;
import dev.plinth.examples.host.spi.ToolSpec;
import dev.plinth.hooks.agent.ToolDefinition;
import dev.plinth.hooks.agent.ToolResult;
import dev.plinth.runtime.discovery.Extension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools an agent may call: the host's own {@code shell} (simulated: it never runs anything,
 * it answers from a script) and every tool that started plugins offer through
 * {@link ToolProvider}. Immutable after construction; thread-safe when the providers are.
 */
public final class HostTools {
  /** The host's built-in tool. */
  public static final String SHELL = "shell";

  /** What the simulated {@code cat deploy.env} prints: a file full of secrets. */
  static final String DEPLOY_ENV = String.join("\n",
      "DEPLOY_REGION=eu-west-1",
      "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
      "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "STRIPE_KEY=sk_live_51HqDemoOnlyNotARealKey",
      "ONCALL_TICKET=OPS-48213",
      "HEALTHCHECK=curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.demo.c2lnbmF0dXJl' https://api.example.com/health");

  private record Offered(String owner, ToolSpec spec, ToolProvider provider) {}

  private final Map<String, Offered> plugins;

  private HostTools(Map<String, Offered> plugins) {
    this.plugins = Map.copyOf(plugins);
  }

  /** The host's tools plus those of these providers (the first provider of a name wins). */
  public static HostTools of(List<Extension<ToolProvider>> providers) {
    Map<String, Offered> offered = new LinkedHashMap<>();
    for (Extension<ToolProvider> e : providers) {
      for (ToolSpec spec : e.instance().tools()) {
        if (!spec.name().equals(SHELL)) {
          offered.putIfAbsent(spec.name(), new Offered(e.pluginId(), spec, e.instance()));
        }
      }
    }
    return new HostTools(offered);
  }

  /** Whether a tool of this name exists. */
  public boolean has(String name) {
    return name.equals(SHELL) || plugins.containsKey(name);
  }

  /** The plugin offering a tool, or {@code host} for the host's own. */
  public String owner(String name) {
    Offered o = plugins.get(name);
    return o == null ? "host" : o.owner();
  }

  /** The tools as the model sees them. */
  public List<ToolDefinition> definitions() {
    List<ToolDefinition> out = new ArrayList<>();
    out.add(new ToolDefinition(SHELL, "Runs a shell command on the build box", Map.of("command", "string")));
    plugins.values().forEach(o -> out.add(new ToolDefinition(o.spec().name(), o.spec().description(), Map.of())));
    return out;
  }

  /** Runs a tool; a failure (or an unknown tool) becomes a failed result, never an exception. */
  public ToolResult call(String name, Map<String, Object> input) {
    if (name.equals(SHELL)) {
      String command = String.valueOf(input.getOrDefault("command", ""));
      return new ToolResult(true, command.equals("cat deploy.env") ? DEPLOY_ENV : "(simulated) ran: " + command, null);
    }
    Offered o = plugins.get(name);
    if (o == null) {
      return new ToolResult(false, null, "no such tool: " + name);
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(o.provider().getClass().getClassLoader());
    try {
      return new ToolResult(true, o.provider().call(name, input), null);
    } catch (Exception e) {
      return new ToolResult(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
