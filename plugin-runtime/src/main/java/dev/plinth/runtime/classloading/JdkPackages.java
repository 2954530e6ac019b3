package dev.plinth.runtime.classloading;

import java.util.HashSet;
import java.util.Set;

/**
 * The packages the platform loader can see: those of boot-layer modules defined to the bootstrap or
 * platform loader. Computed once; these are the only classes a plugin loader takes from its parent.
 */
final class JdkPackages {
  private static final Set<String> PACKAGES = compute();

  private JdkPackages() {}

  static boolean contains(String packageName) {
    return packageName.startsWith("java.") || PACKAGES.contains(packageName);
  }

  private static Set<String> compute() {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    Set<String> out = new HashSet<>();
    for (Module m : ModuleLayer.boot().modules()) {
      ClassLoader l = m.getClassLoader();
      if (l == null || l == platform) {
        out.addAll(m.getPackages());
      }
    }
    return Set.copyOf(out);
  }
}
