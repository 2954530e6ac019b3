package dev.plinth.installer.store;

import dev.plinth.manifest.Capability;
import dev.plinth.manifest.PluginManifest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the records the index holds from their components' values with plain constructor calls.
 * Reading the index otherwise calls each record's canonical constructor through reflection, which
 * from JDK 18 on is built from method handles: the first boot of a JVM then generates dozens of
 * classes for it (about 50 ms of a cold boot on JDK 25). Each case calls the canonical
 * constructor, with every component in declaration order; {@code IndexRecordsTest} checks, for
 * every record in {@link IndexFormat}'s array shape, that each component's value arrives in its
 * component, so a component added to a record without a case here fails the build's tests.
 */
final class IndexRecords implements RecordArrays.Factory {
  private static final List<Class<?>> TYPES = List.of(
      PluginManifest.class, PluginManifest.Engine.class, PluginManifest.Runtime.class,
      PluginManifest.Contributes.class, PluginManifest.Tool.class, PluginManifest.CrashLimits.class,
      PluginManifest.HookPolicy.class, PluginManifest.Permissions.class, BootFacts.class, BootFacts.Jar.class);

  private final int kind;

  private IndexRecords(int kind) {
    this.kind = kind;
  }

  /** The plain factory of {@code type}, or null when it has none (it is then built through reflection). */
  static RecordArrays.@Nullable Factory of(Class<?> type) {
    int kind = TYPES.indexOf(type);
    return kind < 0 ? null : new IndexRecords(kind);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object create(@Nullable Object[] v) {
    switch (kind) {
      case 0:
        return new PluginManifest((String) v[0], (String) v[1], (String) v[2], (String) v[3],
            (List<String>) v[4], (String) v[5], (PluginManifest.Engine) v[6], (PluginManifest.Runtime) v[7],
            (Map<String, String>) v[8], (PluginManifest.Contributes) v[9], (List<PluginManifest.HookPolicy>) v[10],
            (PluginManifest.Permissions) v[11], (Map<String, Object>) v[12], (List<PluginManifest.Tool>) v[13],
            (PluginManifest.CrashLimits) v[14]);
      case 1:
        return new PluginManifest.Engine((String) v[0], (String) v[1], (String) v[2]);
      case 2:
        return new PluginManifest.Runtime((String) v[0], (List<String>) v[1], (List<String>) v[2],
            (PluginManifest.Activation) v[3]);
      case 3:
        return new PluginManifest.Contributes((List<String>) v[0], (List<String>) v[1], (List<String>) v[2],
            (List<String>) v[3]);
      case 4:
        return new PluginManifest.Tool((String) v[0], (String) v[1], (Map<String, Object>) v[2]);
      case 5:
        return new PluginManifest.CrashLimits((Integer) v[0], (Long) v[1]);
      case 6:
        return new PluginManifest.HookPolicy((String) v[0], (Integer) v[1], (Long) v[2], (String) v[3]);
      case 7:
        return new PluginManifest.Permissions((List<String>) v[0], (List<String>) v[1], (List<String>) v[2],
            (List<String>) v[3], (Boolean) v[4], (String) v[5], (List<Capability>) v[6]);
      case 8:
        return new BootFacts((String) v[0], (List<BootFacts.Jar>) v[1]);
      case 9:
        return new BootFacts.Jar((String) v[0], (Long) v[1], (Long) v[2], (String) v[3]);
      default:
        throw new IllegalStateException("no record kind " + kind);
    }
  }
}
