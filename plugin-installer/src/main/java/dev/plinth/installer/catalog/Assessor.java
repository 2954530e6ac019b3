package dev.plinth.installer.catalog;

import dev.plinth.installer.trust.AuthorPolicy;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.Preflight;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/** Judges an offer: compatibility from its manifest, trust tier from its signatures and the policy. */
final class Assessor {
  private final TrustPolicy policy;
  private final HostProfile host;
  private final Map<String, String> installed;

  Assessor(TrustPolicy policy, HostProfile host, Map<String, String> installed) {
    this.policy = policy;
    this.host = host;
    this.installed = installed;
  }

  CatalogPlugin judge(Offer offer, String sourceName) {
    Optional<AuthorPolicy> author = policy.authorFor(offer.id());
    TrustMode mode = author.map(AuthorPolicy::mode).orElse(null);
    String current = installed.get(offer.id());
    return new CatalogPlugin(offer.id(), offer.name(), offer.description(), offer.version(), offer.installSource(),
        sourceName, compatibility(offer), tier(offer, author.orElse(null)), mode == null ? policy.defaultMode() : mode,
        current, current != null && newer(offer.version(), current));
  }

  private CompatibilityVerdict compatibility(Offer offer) {
    if (offer.manifestToml() == null) {
      return new CompatibilityVerdict(CompatibilityVerdict.Status.UNKNOWN, List.of(),
          "the source serves no manifest apart from the archive; preflight runs at install");
    }
    ManifestReport report = Preflight.checkText(offer.manifestToml(), host);
    if (report.errors().isEmpty()) {
      return new CompatibilityVerdict(CompatibilityVerdict.Status.COMPATIBLE, List.of(),
          "plugin.toml " + offer.version() + " passes preflight against " + host.hostName() + " " + host.hostVersion());
    }
    return new CompatibilityVerdict(CompatibilityVerdict.Status.INCOMPATIBLE, report.errors(),
        report.errors().get(0).code() + ": " + report.errors().get(0).message());
  }

  static TrustTier tier(Offer offer, @Nullable AuthorPolicy author) {
    boolean keyless = offer.signatures().contains(SignatureMaterial.Kind.SIGSTORE_BUNDLE);
    boolean keyed = offer.signatures().contains(SignatureMaterial.Kind.COSIGN_SIGNATURE)
        || offer.signatures().contains(SignatureMaterial.Kind.PGP_SIGNATURE);
    if (!keyless && !keyed) {
      return TrustTier.UNSIGNED;
    }
    if (keyless && author != null && author.identity() != null) {
      return TrustTier.VERIFIED_SIGNER;
    }
    if (keyed && author != null && !author.keys().isEmpty()) {
      return TrustTier.KNOWN_KEY;
    }
    return TrustTier.UNKNOWN_SIGNER;
  }

  static boolean newer(String candidate, String current) {
    Semver a = Semver.parse(candidate);
    Semver b = Semver.parse(current);
    return a != null && b != null && a.isGreaterThan(b);
  }
}
