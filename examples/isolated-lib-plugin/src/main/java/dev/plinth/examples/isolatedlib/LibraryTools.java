package dev.plinth.examples.isolatedlib;

import dev.plinth.examples.host.spi.ToolProvider;
import dev.plinth.examples.host.spi.ToolSpec;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

/**
 * The plugin's tools, offered through the host's {@link ToolProvider} extension interface. Both
 * use the plugin's own Commons Lang. Stateless and thread-safe.
 */
public final class LibraryTools implements ToolProvider {
  /** Reports the Commons Lang version and loader this plugin sees. */
  public static final String VERSION_TOOL = "isolated_lib_version";
  /** Abbreviates {@code text} to {@code width} characters with Commons Lang. */
  public static final String ABBREVIATE_TOOL = "isolated_lib_abbreviate";

  @Override
  public List<ToolSpec> tools() {
    return List.of(
        new ToolSpec(VERSION_TOOL, "Which commons-lang3 this plugin runs with"),
        new ToolSpec(ABBREVIATE_TOOL, "Shortens text to a width, with an ellipsis"));
  }

  @Override
  public String call(String tool, Map<String, Object> input) {
    return switch (tool) {
      case VERSION_TOOL -> LibraryVersion.ofPlugin().toString();
      case ABBREVIATE_TOOL -> StringUtils.abbreviate(
          String.valueOf(input.getOrDefault("text", "")),
          Math.max(4, Integer.parseInt(String.valueOf(input.getOrDefault("width", "20")))));
      default -> throw new IllegalArgumentException("tool must be one of " + tools() + ": " + tool);
    };
  }
}
