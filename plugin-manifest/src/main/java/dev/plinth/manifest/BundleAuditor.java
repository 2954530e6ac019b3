package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Finds the capabilities a bundle's code uses, before the plugin runs. The installer calls it after
 * extraction and {@link Preflight#checkBundle(Path, HostProfile)} calls it on a bundle folder;
 * {@link SandboxCheck} then judges the report against the plugin's profile and declarations.
 *
 * <p>The bytecode implementation lives in the optional {@code plugin-audit} module (it needs ASM)
 * and registers itself as a {@link ServiceLoader} provider of this interface, so a host gets audits
 * by adding that module and nothing when it leaves it out. Implementations must be thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface BundleAuditor {
  /**
   * Audits an extracted bundle folder (or a single-jar bundle).
   *
   * @param bundle the folder holding {@code plugin.toml}, or a {@code .jar}
   * @throws java.io.UncheckedIOException when the bundle cannot be read
   */
  CapabilityReport audit(Path bundle);

  /** The first auditor registered with {@link ServiceLoader} on this class's loader, if any. */
  static Optional<BundleAuditor> discover() {
    return ServiceLoader.load(BundleAuditor.class, BundleAuditor.class.getClassLoader()).findFirst();
  }
}
