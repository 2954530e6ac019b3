package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code [plugin.contributes]}: hook points, extension interfaces and tools. The model keeps only
 * the entries that passed, so preflight does not report a bad name twice. Stateless.
 */
final class ContributesValidator {
  private static final Set<String> KEYS = Set.of("hooks", "extensions", "tools", "deferred_tools");

  private ContributesValidator() {}

  /**
   * @param validId the plugin's id when it is valid (tool names are checked against it), else null
   */
  static PluginManifest.Contributes contributes(@Nullable FieldReader table, @Nullable String validId) {
    if (table == null) {
      return PluginManifest.Contributes.NONE;
    }
    Issues issues = table.issues();
    table.unknownKeys(KEYS);
    List<FieldReader.Item> hooks = table.items("hooks");
    Set<String> goodHooks = new LinkedHashSet<>();
    for (FieldReader.Item h : hooks) {
      if (Names.HOOK_POINT.matcher(h.value()).matches()) {
        goodHooks.add(h.value());
      } else {
        issues.add(ManifestCode.HOOK_POINT_INVALID, h.field(), h.value(),
            "must be dotted lower-case words",
            "Use the host's hook point name, e.g. `tool.post_exec` (see host.toml hook_points).");
      }
    }
    table.duplicates(hooks, "List each hook point once.");
    List<FieldReader.Item> extensions = table.items("extensions");
    Set<String> goodExtensions = new LinkedHashSet<>();
    for (FieldReader.Item e : extensions) {
      if (Names.isClassName(e.value())) {
        goodExtensions.add(e.value());
      } else {
        issues.add(ManifestCode.CLASS_NAME_INVALID, e.field(), e.value(),
            "must be a fully qualified interface name",
            "Name the host's extension interface with its package, e.g. `com.example.host.spi.ToolProvider`.");
      }
    }
    table.duplicates(extensions, "List each extension interface once.");
    List<FieldReader.Item> tools = table.items("tools");
    Set<String> goodTools = new LinkedHashSet<>();
    for (FieldReader.Item t : tools) {
      if (checkTool(issues, t, validId)) {
        goodTools.add(t.value());
      }
    }
    table.duplicates(tools, "List each tool once.");
    List<String> deferred = deferred(table, tools);
    for (FieldReader.Item e : extensions) {
      if (goodHooks.contains(e.value()) && goodExtensions.contains(e.value())) {
        issues.add(ManifestCode.CONTRIBUTION_CONFLICT, e.field(), e.value(),
            "is also listed in plugin.contributes.hooks",
            "Keep the name in the one list it belongs to: hook points in hooks, interfaces in extensions.");
        goodExtensions.remove(e.value());
      }
    }
    return new PluginManifest.Contributes(new ArrayList<>(goodHooks), new ArrayList<>(goodExtensions),
        new ArrayList<>(goodTools), deferred);
  }

  /** {@code deferred_tools}: each must be one of {@code tools} (deferring is a way of exposing). */
  private static List<String> deferred(FieldReader table, List<FieldReader.Item> tools) {
    List<FieldReader.Item> deferred = table.items("deferred_tools");
    Set<String> listed = new LinkedHashSet<>();
    tools.forEach(t -> listed.add(t.value()));
    Set<String> good = new LinkedHashSet<>();
    for (FieldReader.Item d : deferred) {
      if (listed.contains(d.value())) {
        good.add(d.value());
      } else {
        table.issues().add(ManifestCode.TOOL_DEFERRED_NOT_EXPOSED, d.field(), d.value(),
            "is not listed in plugin.contributes.tools",
            "Add \"" + d.value() + "\" to contributes.tools as well; a deferred tool is an exposed tool whose"
                + " schema is offered on demand.");
      }
    }
    table.duplicates(deferred, "List each deferred tool once.");
    return new ArrayList<>(good);
  }

  private static boolean checkTool(Issues issues, FieldReader.Item t, @Nullable String validId) {
    if (!Names.TOOL.matcher(t.value()).matches()) {
      issues.add(ManifestCode.TOOL_NAME_INVALID, t.field(), t.value(),
          "must be lower-case letters, digits and underscores (at most 64)",
          "Rename the tool, e.g. `" + (validId == null ? "<id>" : validId) + "_scan`.");
      return false;
    }
    if (validId != null
        && (!t.value().startsWith(validId + "_") || t.value().length() == validId.length() + 1)) {
      issues.add(ManifestCode.TOOL_NAMESPACE_VIOLATION, t.field(), t.value(),
          "must start with `" + validId + "_`",
          "Rename it to `" + validId + "_<descriptive>`, e.g. `" + validId + "_"
              + (t.value().endsWith("_") ? "tool" : t.value()) + "`.");
      return false;
    }
    return true;
  }
}
