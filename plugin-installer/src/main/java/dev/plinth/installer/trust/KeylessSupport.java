package dev.plinth.installer.trust;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Loads keyless verification only when sigstore-java is on the classpath. */
final class KeylessSupport {
  static final String PROBE = "dev.sigstore.KeylessVerifier";
  static final String IMPLEMENTATION = "dev.plinth.installer.trust.SigstoreKeylessVerifier";

  private KeylessSupport() {}

  /**
   * The verifier, or empty when {@code loader} cannot see sigstore-java.
   *
   * @throws InstallException {@code TRUST_POLICY_INVALID} when the trusted root cannot be read
   */
  static Optional<KeylessPort> load(ClassLoader loader, @Nullable Path trustedRoot) {
    try {
      Class.forName(PROBE, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
    try {
      Class<?> impl = Class.forName(IMPLEMENTATION, true, KeylessSupport.class.getClassLoader());
      return Optional.of((KeylessPort) impl.getDeclaredConstructor(Path.class).newInstance(trustedRoot));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String root = trustedRoot == null ? "bundled public_good_trusted_root.2026.json" : trustedRoot.toString();
      throw new InstallException(InstallErrorCode.TRUST_POLICY_INVALID, Phase.VERIFY,
          "trusted_root must be a valid Sigstore trusted root: " + root + " (" + cause + ")",
          "Point trusted_root at a trusted_root.json (for example from `cosign trusted-root create` or the Sigstore TUF repository).",
          Map.of("field", "trusted_root", "value", root), cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
