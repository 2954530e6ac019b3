package dev.plinth.installer;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What to install and how.
 *
 * @param source the source string: {@code ./dir}, {@code ./x.tar.gz}, {@code https://…#sha256=…},
 *     {@code github:owner/repo[@tag]}, {@code maven:g:a:v[:classifier]}, {@code catalog:id[@range]}
 * @param requireSignature tighten the trust policy to {@code require} for this install
 * @param skipSignatureVerify skip signature verification (explicit; recorded in the verdict)
 * @param allowDowngrade allow installing a version older than the current one
 * @param acknowledgePermissions acknowledge the plugin's declared permissions
 * @param enable enable the plugin once installed (third-party plugins need acknowledged permissions)
 * @param installDependencies install missing plugin dependencies first (from the catalog)
 */
@API(status = STABLE, since = "0.1")
public record InstallRequest(
    String source,
    boolean requireSignature,
    boolean skipSignatureVerify,
    boolean allowDowngrade,
    boolean acknowledgePermissions,
    boolean enable,
    boolean installDependencies) {

  public InstallRequest {
    requireNonNull(source, "source");
    if (requireSignature && skipSignatureVerify) {
      throw new InstallException(
          InstallErrorCode.REQUEST_INVALID,
          Phase.RESOLVE,
          "requireSignature and skipSignatureVerify cannot both be set: " + source,
          "Choose one: require a signature, or skip verification explicitly.");
    }
  }

  /** A request with every option off. */
  public static InstallRequest of(String source) {
    return new InstallRequest(source, false, false, false, false, false, false);
  }

  public InstallRequest withRequireSignature(boolean value) {
    return new InstallRequest(source, value, skipSignatureVerify, allowDowngrade, acknowledgePermissions, enable, installDependencies);
  }

  public InstallRequest withSkipSignatureVerify(boolean value) {
    return new InstallRequest(source, requireSignature, value, allowDowngrade, acknowledgePermissions, enable, installDependencies);
  }

  public InstallRequest withAllowDowngrade(boolean value) {
    return new InstallRequest(source, requireSignature, skipSignatureVerify, value, acknowledgePermissions, enable, installDependencies);
  }

  public InstallRequest withAcknowledgePermissions(boolean value) {
    return new InstallRequest(source, requireSignature, skipSignatureVerify, allowDowngrade, value, enable, installDependencies);
  }

  public InstallRequest withEnable(boolean value) {
    return new InstallRequest(source, requireSignature, skipSignatureVerify, allowDowngrade, acknowledgePermissions, value, installDependencies);
  }

  public InstallRequest withInstallDependencies(boolean value) {
    return new InstallRequest(source, requireSignature, skipSignatureVerify, allowDowngrade, acknowledgePermissions, enable, value);
  }
}
