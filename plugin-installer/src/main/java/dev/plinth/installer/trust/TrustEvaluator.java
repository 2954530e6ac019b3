package dev.plinth.installer.trust;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link TrustPolicy} to a downloaded archive and its signatures and concludes a
 * {@link SignatureVerdict}. Trust comes only from identities and keys pinned in the policy: a key
 * published next to an archive only helps to tell an untrusted signer from a broken signature.
 *
 * <p>Effective mode: {@code skipSignatureVerify} skips everything ({@code request_skipped});
 * {@code requireSignature} forces {@code require} ({@code request_required}); otherwise the first
 * matching {@code [[authors]]} entry's mode, else the default mode ({@code policy_applied}).
 * Under {@code warn} a missing or failing signature yields a verdict with a warning and a
 * {@code signature_warning} event; under {@code require} it fails with {@code SIGNATURE_MISSING},
 * {@code SIGNATURE_INVALID}, {@code SIGNATURE_UNTRUSTED} or {@code SIGSTORE_UNAVAILABLE}.
 *
 * <p>Thread-safe: the keyless verifier is built once, lazily, under a lock.
 */
@API(status = STABLE, since = "0.1")
public final class TrustEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(TrustEvaluator.class);

  private final TrustPolicy policy;
  private final EventSink events;
  private final ClassLoader sigstoreLoader;
  private final Object keylessLock = new Object();
  private @Nullable Optional<KeylessPort> keyless;

  private TrustEvaluator(TrustPolicy policy, EventSink events, ClassLoader sigstoreLoader) {
    this.policy = requireNonNull(policy, "policy");
    this.events = requireNonNull(events, "events");
    this.sigstoreLoader = requireNonNull(sigstoreLoader, "sigstoreLoader");
  }

  public static TrustEvaluator create(TrustPolicy policy, EventSink events) {
    return new TrustEvaluator(policy, events, TrustEvaluator.class.getClassLoader());
  }

  /** For tests: probes sigstore-java through {@code loader}. */
  static TrustEvaluator create(TrustPolicy policy, EventSink events, ClassLoader loader) {
    return new TrustEvaluator(policy, events, loader);
  }

  public TrustPolicy policy() {
    return policy;
  }

  /**
   * Evaluates the signatures of one archive.
   *
   * @param correlationId the transaction id for events
   * @throws InstallException phase {@code verify} when the effective mode is {@code require} and no
   *     signature from a pinned signer verifies
   */
  public SignatureVerdict evaluate(String pluginId, String version, Path archive, List<FetchedSignature> signatures,
      InstallRequest request, String correlationId) {
    if (request.skipSignatureVerify()) {
      LOG.warn("signature verification skipped by request for {}@{}", pluginId, version);
      return SignatureVerdict.skipped();
    }
    AuthorPolicy author = policy.authorFor(pluginId).orElse(null);
    TrustMode mode = request.requireSignature() ? TrustMode.REQUIRE
        : author != null && author.mode() != null ? author.mode() : policy.defaultMode();
    String enforcement = request.requireSignature() ? "request_required" : "policy_applied";
    String matched = author == null ? null : author.label();
    if (mode == TrustMode.IGNORE) {
      return new SignatureVerdict(false, "none", null, null, mode.jsonName(), matched, enforcement, null);
    }
    Context ctx = new Context(pluginId, version, mode, matched, enforcement, correlationId);
    List<FetchedSignature> checkable = signatures.stream()
        .filter(s -> s.kind() != SignatureMaterial.Kind.PUBLISHED_KEY).toList();
    if (checkable.isEmpty()) {
      return fail(ctx, new Failure(InstallErrorCode.SIGNATURE_MISSING, "none", null, null,
          "archive signature must be present for " + pluginId + "@" + version + ": no .sigstore.json, .sig or .asc published",
          "Ask the publisher to sign releases (cosign sign-blob --bundle), or lower the trust mode for this plugin."));
    }
    List<Failure> failures = new ArrayList<>();
    for (SignatureMaterial.Kind kind : new SignatureMaterial.Kind[] {
        SignatureMaterial.Kind.SIGSTORE_BUNDLE, SignatureMaterial.Kind.COSIGN_SIGNATURE, SignatureMaterial.Kind.PGP_SIGNATURE}) {
      for (FetchedSignature s : checkable) {
        if (s.kind() != kind) {
          continue;
        }
        Object outcome = switch (kind) {
          case SIGSTORE_BUNDLE -> keyless(s, archive, author);
          case COSIGN_SIGNATURE -> cosign(s, archive, author, signatures);
          default -> pgp(s, archive, author);
        };
        if (outcome instanceof SignatureVerdict v) {
          SignatureVerdict verdict = new SignatureVerdict(true, v.method(), v.identity(), v.issuer(), mode.jsonName(),
              matched, enforcement, null);
          LOG.info("signature verified for {}@{}: {} {}", pluginId, version, v.method(), v.identity());
          return verdict;
        }
        failures.add((Failure) outcome);
      }
    }
    Failure worst = failures.stream().filter(f -> f.code == InstallErrorCode.SIGNATURE_INVALID).findFirst()
        .or(() -> failures.stream().filter(f -> f.code == InstallErrorCode.SIGNATURE_UNTRUSTED).findFirst())
        .orElse(failures.get(0));
    return fail(ctx, worst);
  }

  private Object keyless(FetchedSignature s, Path archive, @Nullable AuthorPolicy author) {
    Optional<KeylessPort> port = keylessPort();
    if (port.isEmpty()) {
      return new Failure(InstallErrorCode.SIGSTORE_UNAVAILABLE, "sigstore", null, null,
          "keyless verification must be available for " + s.origin() + ": dev.sigstore:sigstore-java is not on the classpath",
          "Add dev.sigstore:sigstore-java (2.0.0) to the host's dependencies, or pin a cosign/PGP key instead.");
    }
    String identity = author == null ? null : author.identity();
    String issuer = author == null ? null : author.issuer();
    KeylessResult r = port.get().verify(archive, s.content(), identity, issuer);
    return switch (r.outcome()) {
      case VERIFIED -> identity != null
          ? new SignatureVerdict(true, "sigstore", r.identity(), r.issuer(), "require", null, "policy_applied", null)
          : new Failure(InstallErrorCode.SIGNATURE_UNTRUSTED, "sigstore", r.identity(), r.issuer(),
              "signature signer must be pinned in the trust policy: " + r.identity() + " (issuer " + r.issuer() + ")",
              "If you trust this signer, add an [[authors]] entry with identity and issuer for this plugin.");
      case UNTRUSTED -> new Failure(InstallErrorCode.SIGNATURE_UNTRUSTED, "sigstore", r.identity(), r.issuer(),
          "signature identity must match the pinned identity: " + r.reason(),
          "Check who signed this release; update the [[authors]] identity only if the new signer is legitimate.");
      case INVALID -> new Failure(InstallErrorCode.SIGNATURE_INVALID, "sigstore", r.identity(), r.issuer(),
          "sigstore bundle must verify: " + r.reason() + " (" + s.origin() + ")",
          "Do not install this archive; the signature does not match it or the bundle is corrupt.");
    };
  }

  private Object cosign(FetchedSignature s, Path archive, @Nullable AuthorPolicy author, List<FetchedSignature> all) {
    List<PublicKey> pinned = author == null ? List.of()
        : policy.keysOf(author).stream().map(PinnedKey::publicKey).filter(k -> k != null).toList();
    for (PublicKey key : pinned) {
      if (CosignKeyVerifier.verify(key, archive, s.content())) {
        return new SignatureVerdict(true, "cosign-key", PinnedKey.fingerprint(key), null, "require", null, "policy_applied", null);
      }
    }
    String publishedSigner = null;
    for (FetchedSignature p : all) {
      if (p.kind() == SignatureMaterial.Kind.PUBLISHED_KEY) {
        try {
          PublicKey k = PinnedKey.pem(new String(p.content(), java.nio.charset.StandardCharsets.UTF_8));
          if (CosignKeyVerifier.verify(k, archive, s.content())) {
            publishedSigner = PinnedKey.fingerprint(k);
          }
        } catch (java.io.IOException | RuntimeException e) {
          LOG.debug("published key {} is unreadable: {}", p.origin(), e.toString());
        }
      }
    }
    if (publishedSigner != null || pinned.isEmpty()) {
      return new Failure(InstallErrorCode.SIGNATURE_UNTRUSTED, "cosign-key", publishedSigner, null,
          "signing key must be pinned in the trust policy: " + (publishedSigner == null ? "no key pinned for this plugin" : publishedSigner
              + " (a key published next to the archive is never trusted by itself)"),
          "If you trust this publisher, add their public key to keys = [...] of an [[authors]] entry for this plugin.");
    }
    return new Failure(InstallErrorCode.SIGNATURE_INVALID, "cosign-key", null, null,
        "cosign signature must verify with a pinned key: " + s.origin() + " (" + pinned.size() + " key(s) tried)",
        "Do not install this archive; it was not signed by a pinned key or was altered.");
  }

  private Object pgp(FetchedSignature s, Path archive, @Nullable AuthorPolicy author) {
    List<PGPPublicKeyRingCollection> rings = author == null ? List.of()
        : policy.keysOf(author).stream().map(PinnedKey::pgp).filter(k -> k != null).toList();
    PgpVerifier.Result r = PgpVerifier.verify(rings, archive, s.content());
    return switch (r.outcome()) {
      case VERIFIED -> new SignatureVerdict(true, "pgp", r.detail(), null, "require", null, "policy_applied", null);
      case UNKNOWN_KEY -> new Failure(InstallErrorCode.SIGNATURE_UNTRUSTED, "pgp", r.detail(), null,
          "pgp signing key must be pinned in the trust policy: " + r.detail(),
          "If you trust this key, add its armored public key to keys = [...] of an [[authors]] entry.");
      case BAD -> new Failure(InstallErrorCode.SIGNATURE_INVALID, "pgp", null, null,
          "pgp signature must verify: " + r.detail() + " (" + s.origin() + ")",
          "Do not install this archive; the signature does not match it.");
    };
  }

  private SignatureVerdict fail(Context ctx, Failure f) {
    if (ctx.mode == TrustMode.REQUIRE) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("pluginId", ctx.pluginId);
      details.put("version", ctx.version);
      details.put("mode", ctx.mode.jsonName());
      details.put("method", f.method);
      details.put("enforcement", ctx.enforcement);
      if (ctx.matched != null) {
        details.put("matchedPolicy", ctx.matched);
      }
      if (f.identity != null) {
        details.put("identity", f.identity);
      }
      throw new InstallException(f.code, Phase.VERIFY, f.message, f.nextStep, details, null);
    }
    LOG.warn("{}@{} has no trusted signature, accepted in mode {}: {}", ctx.pluginId, ctx.version, ctx.mode.jsonName(), f.message);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", f.code.code());
    detail.put("message", f.message);
    detail.put("mode", ctx.mode.jsonName());
    detail.put("method", f.method);
    events.emit(PlinthEvent.of("signature_warning", ctx.pluginId, ctx.version, ctx.correlationId, detail));
    return new SignatureVerdict(false, f.method, f.identity, f.issuer, ctx.mode.jsonName(), ctx.matched,
        ctx.enforcement, f.code.code() + ": " + f.message);
  }

  private Optional<KeylessPort> keylessPort() {
    synchronized (keylessLock) {
      if (keyless == null) {
        keyless = KeylessSupport.load(sigstoreLoader, policy.trustedRoot().orElse(null));
      }
      return keyless;
    }
  }

  private record Context(String pluginId, String version, TrustMode mode, @Nullable String matched,
      String enforcement, String correlationId) {}

  private record Failure(InstallErrorCode code, String method, @Nullable String identity, @Nullable String issuer,
      String message, String nextStep) {}
}
