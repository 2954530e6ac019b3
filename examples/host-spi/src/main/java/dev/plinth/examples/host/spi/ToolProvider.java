package dev.plinth.examples.host.spi;

import java.util.List;
import java.util.Map;

/**
 * An extension through which a plugin offers tools to the demo host's agent. A plugin declares it
 * in {@code plugin.toml} ({@code contributes.extensions}) and lists it in
 * {@code META-INF/services/dev.plinth.examples.host.spi.ToolProvider}; every tool name must start
 * with the plugin's id and an underscore.
 *
 * <p>Implementations must be thread-safe: the host may call tools from several runs at once.
 */
public interface ToolProvider {
  /** The tools this provider offers. */
  List<ToolSpec> tools();

  /**
   * Runs one of {@link #tools()}.
   *
   * @param tool the tool's name
   * @param input the arguments the model gave
   * @return the tool's text output
   * @throws Exception when the tool fails; the host reports it as a failed tool result
   */
  String call(String tool, Map<String, Object> input) throws Exception;
}
