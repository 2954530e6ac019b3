package dev.plinth.installer.trust;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** How strictly signatures are enforced for a plugin. */
@API(status = STABLE, since = "0.1")
public enum TrustMode {
  /** Signatures are not checked. */
  IGNORE,
  /** Signatures are checked; an unsigned or unverifiable bundle installs with a warning. */
  WARN,
  /** A signature from a pinned signer must verify, or the install fails. */
  REQUIRE;

  /** {@code ignore}, {@code warn} or {@code require}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TrustMode> fromJsonName(String s) {
    for (TrustMode m : values()) {
      if (m.jsonName().equals(s)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
