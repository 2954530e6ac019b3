package dev.plinth.manifest;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code [plugin.runtime]}: entry class, classpath and exported packages. Stateless. */
final class RuntimeValidator {
  private static final Set<String> KEYS = Set.of("entry", "classpath", "exports", "activation");

  private RuntimeValidator() {}

  static PluginManifest.Runtime runtime(@Nullable FieldReader runtime) {
    if (runtime == null) {
      return PluginManifest.Runtime.DEFAULT;
    }
    Issues issues = runtime.issues();
    runtime.unknownKeys(KEYS);
    String entry = runtime.string("entry");
    if (entry != null && !Names.isClassName(entry)) {
      issues.add(ManifestCode.CLASS_NAME_INVALID, runtime.field("entry"), entry,
          "must be a fully qualified class name",
          "Name the Plugin class with its package, e.g. `com.acme.redactor.RedactorPlugin`, or remove"
              + " entry to use the single ServiceLoader provider.");
      entry = null;
    }
    List<String> classpath = PluginManifest.Runtime.DEFAULT.classpath();
    if (runtime.has("classpath")) {
      List<FieldReader.Item> items = runtime.items("classpath");
      if (items.isEmpty() && runtime.raw("classpath") instanceof org.tomlj.TomlArray) {
        issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, runtime.field("classpath"), "[]",
            "must list at least one entry", "List the bundle's jars and class folders, e.g. [\"lib/*.jar\"].");
      }
      items.forEach(i -> PathRules.checkRelative(issues, i.field(), i.value()));
      runtime.duplicates(items, "List each classpath entry once.");
      classpath = items.stream().map(FieldReader.Item::value).distinct().toList();
    }
    List<FieldReader.Item> exports = runtime.items("exports");
    for (FieldReader.Item item : exports) {
      String root = Names.reservedRoot(item.value());
      if (!Names.isQualifiedName(item.value())) {
        issues.add(ManifestCode.PACKAGE_NAME_INVALID, item.field(), item.value(),
            "must be a Java package name", "Write the package with dots, e.g. `com.acme.redactor.api`.");
      } else if (root != null) {
        issues.add(ManifestCode.PACKAGE_RESERVED, item.field(), item.value(),
            "must not be under the reserved package `" + root + "`",
            "Export only packages of your own; the JDK and dev.plinth.api always come from the host.");
      }
    }
    runtime.duplicates(exports, "List each exported package once.");
    return new PluginManifest.Runtime(entry, classpath,
        exports.stream().map(FieldReader.Item::value).distinct().toList(), activation(runtime));
  }

  private static PluginManifest.@Nullable Activation activation(FieldReader runtime) {
    String value = runtime.string("activation");
    if (value == null) {
      return null;
    }
    for (PluginManifest.Activation a : PluginManifest.Activation.values()) {
      if (a.text().equals(value)) {
        return a;
      }
    }
    String hint = KeyHints.closest(value, List.of("eager", "lazy")).map(h -> "Did you mean `" + h + "`? ").orElse("");
    runtime.issues().add(ManifestCode.ACTIVATION_INVALID, runtime.field("activation"), value,
        "must be `eager` or `lazy`",
        hint + "Use \"eager\" to start at boot or \"lazy\" to start on first use; remove it for the host's default.");
    return null;
  }
}
