package dev.plinth.installer.trust;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.jspecify.annotations.Nullable;

/**
 * The only class that touches sigstore-java (loaded reflectively by {@link KeylessSupport}).
 * Verifies offline against a trusted root (the bundled public-good root or the policy's), always
 * with a SAN + issuer matcher when the policy pins a signer, and adds the check 2.0.0 lacks: every
 * log entry's integrated time must fall inside the leaf certificate's validity.
 */
final class SigstoreKeylessVerifier implements KeylessPort {
  static final String BUNDLED_ROOT = "/dev/plinth/installer/trust/public_good_trusted_root.2026.json";
  private static final String OID_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  private static final String OID_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  private final KeylessVerifier verifier;

  SigstoreKeylessVerifier(@Nullable Path trustedRoot) throws Exception {
    TrustedRootProvider provider = trustedRoot != null ? TrustedRootProvider.from(trustedRoot) : () -> {
      try (InputStream in = SigstoreKeylessVerifier.class.getResourceAsStream(BUNDLED_ROOT)) {
        if (in == null) {
          throw new SigstoreConfigurationException("bundled trusted root missing: " + BUNDLED_ROOT);
        }
        return SigstoreTrustedRoot.from(in);
      } catch (IOException e) {
        throw new SigstoreConfigurationException(e);
      }
    };
    this.verifier = KeylessVerifier.builder().trustedRootProvider(provider).build();
  }

  @Override
  public KeylessResult verify(Path artifact, byte[] bundleJson, @Nullable String identityRegex, @Nullable String issuer) {
    String san = null;
    String certIssuer = null;
    try {
      Bundle bundle = Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
      List<? extends Certificate> certs = bundle.getCertPath().getCertificates();
      if (certs.isEmpty() || !(certs.get(0) instanceof X509Certificate leaf)) {
        return new KeylessResult(KeylessResult.Outcome.INVALID, null, null, "bundle carries no signing certificate");
      }
      san = san(leaf);
      certIssuer = issuer(leaf);
      if (identityRegex != null
          && (san == null || !Pattern.compile(identityRegex).matcher(san).matches() || !java.util.Objects.equals(issuer, certIssuer))) {
        return new KeylessResult(KeylessResult.Outcome.UNTRUSTED, san, certIssuer,
            "certificate identity " + san + " (issuer " + certIssuer + ") does not match identity " + identityRegex
                + " (issuer " + issuer + ")");
      }
      VerificationOptions options = identityRegex == null
          ? VerificationOptions.empty()
          : VerificationOptions.builder()
              .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                  .subjectAlternativeName(StringMatcher.regex(identityRegex))
                  .issuer(StringMatcher.string(issuer == null ? "" : issuer))
                  .build())
              .build();
      verifier.verify(artifact, bundle, options);
      for (RekorEntry entry : bundle.getEntries()) {
        if (entry.getIntegratedTime() > 0) {
          leaf.checkValidity(Date.from(entry.getIntegratedTimeInstant()));
        }
      }
      return new KeylessResult(KeylessResult.Outcome.VERIFIED, san, certIssuer, "");
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return new KeylessResult(KeylessResult.Outcome.INVALID, san, certIssuer,
          "log integrated time must fall within the signing certificate's validity: " + e.getMessage());
    } catch (Exception e) {
      // malformed bundles surface as IndexOutOfBounds or IllegalState, not only as checked exceptions
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      Throwable cause = e.getCause();
      if (cause != null && cause.getMessage() != null) {
        reason += " (" + cause.getMessage() + ")";
      }
      return new KeylessResult(KeylessResult.Outcome.INVALID, san, certIssuer, reason);
    }
  }

  private static @Nullable String san(X509Certificate leaf) throws Exception {
    Collection<List<?>> names = leaf.getSubjectAlternativeNames();
    if (names == null) {
      return null;
    }
    for (List<?> n : names) {
      if (n.size() >= 2 && n.get(1) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable String issuer(X509Certificate leaf) throws IOException {
    byte[] v2 = leaf.getExtensionValue(OID_ISSUER_V2);
    if (v2 != null) {
      ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
      if (inner instanceof ASN1String s) {
        return s.getString();
      }
    }
    byte[] v1 = leaf.getExtensionValue(OID_ISSUER_V1);
    if (v1 != null) {
      return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
    }
    return null;
  }
}
