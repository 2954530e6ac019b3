package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** {@code [[plugin.hooks]]}: the operator-visible policy per contributed hook point. Stateless. */
final class HooksValidator {
  static final long MIN_TIMEOUT_MS = 1;
  static final long MAX_TIMEOUT_MS = 60_000;
  private static final Set<String> KEYS = Set.of("point", "priority", "timeout_ms", "failure");

  private HooksValidator() {}

  static List<PluginManifest.HookPolicy> hooks(FieldReader plugin, List<String> contributed) {
    Object raw = plugin.raw("hooks");
    if (raw == null) {
      return List.of();
    }
    String field = plugin.field("hooks");
    if (!(raw instanceof TomlArray array)) {
      plugin.typeError(field, raw, "an array of tables ([[plugin.hooks]])");
      return List.of();
    }
    List<PluginManifest.HookPolicy> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String entryField = field + "[" + i + "]";
      if (!(array.get(i) instanceof TomlTable t)) {
        plugin.typeError(entryField, array.get(i), "a table ([[plugin.hooks]] entry)");
        continue;
      }
      PluginManifest.HookPolicy policy = policy(new FieldReader(t, entryField, plugin.issues()), contributed);
      if (policy != null) {
        if (seen.add(policy.point())) {
          out.add(policy);
        } else {
          plugin.issues().add(ManifestCode.DUPLICATE_ENTRY, entryField + ".point", policy.point(),
              "has a policy already", "Merge the [[plugin.hooks]] entries for this point into one.");
        }
      }
    }
    return out;
  }

  private static PluginManifest.@Nullable HookPolicy policy(
      FieldReader entry, List<String> contributed) {
    Issues issues = entry.issues();
    entry.unknownKeys(KEYS);
    String point = entry.requiredString("point", "Name the hook point this policy is for, e.g. point = \"tool.post_exec\".");
    boolean pointOk = point != null;
    if (point != null && !Names.HOOK_POINT.matcher(point).matches()) {
      issues.add(ManifestCode.HOOK_POINT_INVALID, entry.field("point"), point, "must be dotted lower-case words",
          "Use the host's hook point name, e.g. `tool.post_exec`.");
      pointOk = false;
    } else if (point != null && !contributed.contains(point)) {
      issues.add(ManifestCode.HOOK_POLICY_UNDECLARED, entry.field("point"), point,
          "is not listed in plugin.contributes.hooks",
          "Add \"" + point + "\" to contributes.hooks, or remove this [[plugin.hooks]] entry.");
    }
    Integer priority = null;
    Long p = entry.integer("priority");
    if (p != null && (p < Integer.MIN_VALUE || p > Integer.MAX_VALUE)) {
      issues.add(ManifestCode.HOOK_PRIORITY_OUT_OF_RANGE, entry.field("priority"), String.valueOf(p),
          "must fit in a 32-bit integer", "Use a priority between -2147483648 and 2147483647; higher runs first.");
    } else if (p != null) {
      priority = p.intValue();
    }
    Long timeout = entry.integer("timeout_ms");
    if (timeout != null && (timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS)) {
      issues.add(ManifestCode.HOOK_TIMEOUT_OUT_OF_RANGE, entry.field("timeout_ms"), String.valueOf(timeout),
          "must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS,
          "Set timeout_ms to 1..60000 milliseconds, or remove it to use the default (1500).");
      timeout = null;
    }
    String failure = entry.string("failure");
    if (failure != null && !failure.equals("open") && !failure.equals("closed")) {
      String hint = KeyHints.closest(failure, List.of("open", "closed"))
          .map(f -> "Did you mean `" + f + "`? ").orElse("");
      issues.add(ManifestCode.HOOK_FAILURE_INVALID, entry.field("failure"), failure, "must be `open` or `closed`",
          hint + "Use \"open\" to continue after a failure or \"closed\" to stop the chain.");
      failure = null;
    }
    return pointOk ? new PluginManifest.HookPolicy(point, priority, timeout, failure) : null;
  }
}
