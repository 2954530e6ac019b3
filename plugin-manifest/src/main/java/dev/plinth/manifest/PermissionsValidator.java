package dev.plinth.manifest;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code [plugin.permissions]}: network hosts, secrets, filesystem, spawn, sandbox profile. Stateless. */
final class PermissionsValidator {
  private static final Set<String> KEYS = Set.of("network", "secrets", "filesystem", "spawn", "profile", "capabilities");
  private static final Set<String> FS_KEYS = Set.of("read", "write");

  private PermissionsValidator() {}

  static PluginManifest.Permissions permissions(@Nullable FieldReader table) {
    if (table == null) {
      return PluginManifest.Permissions.NONE;
    }
    Issues issues = table.issues();
    table.unknownKeys(KEYS);
    List<FieldReader.Item> network = table.items("network");
    for (FieldReader.Item n : network) {
      if (!isNetworkEntry(n.value())) {
        issues.add(ManifestCode.NETWORK_HOST_INVALID, n.field(), n.value(),
            "must be a host name, optionally `*.`-prefixed or with `:port`, or `*` alone",
            "Write only the host, e.g. `api.acme.example` or `*.acme.io` (no scheme or path); `*` alone asks"
                + " for any host, which the host must allow.");
      }
    }
    table.duplicates(network, "List each host once.");
    List<FieldReader.Item> secrets = table.items("secrets");
    for (FieldReader.Item s : secrets) {
      if (!Names.SECRET.matcher(s.value()).matches()) {
        issues.add(ManifestCode.SECRET_NAME_INVALID, s.field(), s.value(),
            "must match " + Names.SECRET.pattern(),
            "Name the secret key the host stores, e.g. `ACME_API_KEY`.");
      }
    }
    table.duplicates(secrets, "List each secret once.");
    List<String> read = List.of();
    List<String> write = List.of();
    FieldReader fs = table.table("filesystem");
    if (fs != null) {
      fs.unknownKeys(FS_KEYS);
      read = paths(fs, "read");
      write = paths(fs, "write");
    }
    Boolean spawn = table.bool("spawn");
    String profile = table.string("profile");
    if (profile != null && profile.isBlank()) {
      issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, table.field("profile"), profile, "must not be empty",
          "Name a sandbox profile the host defines, or remove the key.");
      profile = null;
    }
    return new PluginManifest.Permissions(valid(network, PermissionsValidator::isNetworkEntry),
        valid(secrets, v -> Names.SECRET.matcher(v).matches()), read, write,
        Boolean.TRUE.equals(spawn), profile, capabilities(table));
  }

  private static List<Capability> capabilities(FieldReader table) {
    List<FieldReader.Item> items = table.items("capabilities");
    table.duplicates(items, "List each capability once.");
    List<Capability> out = new java.util.ArrayList<>();
    for (FieldReader.Item item : items) {
      java.util.Optional<Capability> c = Capability.fromId(item.value());
      if (c.isEmpty()) {
        table.issues().add(ManifestCode.CAPABILITY_UNKNOWN, item.field(), item.value(), "is not a capability",
            "Use one of " + java.util.Arrays.stream(Capability.values()).map(Capability::id).toList() + ".");
      } else if (!out.contains(c.get())) {
        out.add(c.get());
      }
    }
    return out;
  }

  /** A host (see {@link Names#isNetworkHost}) or {@link NetworkRules#ANY_HOST}. */
  static boolean isNetworkEntry(String value) {
    return value.equals(NetworkRules.ANY_HOST) || Names.isNetworkHost(value);
  }

  private static List<String> paths(FieldReader fs, String key) {
    List<FieldReader.Item> items = fs.items(key);
    fs.duplicates(items, "List each path once.");
    return items.stream()
        .filter(i -> PathRules.checkPermission(fs.issues(), i.field(), i.value()))
        .map(FieldReader.Item::value).distinct().toList();
  }

  private static List<String> valid(List<FieldReader.Item> items, java.util.function.Predicate<String> ok) {
    return items.stream().map(FieldReader.Item::value).filter(ok).distinct().toList();
  }
}
