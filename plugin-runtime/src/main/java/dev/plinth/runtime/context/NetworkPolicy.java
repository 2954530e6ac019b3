package dev.plinth.runtime.context;

import dev.plinth.manifest.HostProfile;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The hosts of {@code permissions.network}: an entry matches its host exactly (case-insensitive),
 * and {@code *.example.com} matches sub-domains of {@code example.com} only, never the apex;
 * {@code *} alone (allowed at install only where the operator opted in) matches any host. The
 * host's denied hosts (by default the cloud instance-metadata endpoints, {@link
 * HostProfile#DEFAULT_DENIED_HOSTS}) are refused whatever the manifest says. Immutable.
 */
final class NetworkPolicy {
  private final List<String> declared;
  private final List<String> denied;

  /** A policy that refuses the default denied hosts. */
  NetworkPolicy(List<String> declared) {
    this(declared, HostProfile.DEFAULT_DENIED_HOSTS);
  }

  /** A policy that refuses {@code denied} (hosts or {@code *.} wildcards, ports ignored) before anything else. */
  NetworkPolicy(List<String> declared, List<String> denied) {
    this.declared = declared.stream().map(NetworkPolicy::normalise).toList();
    this.denied = denied.stream().map(NetworkPolicy::normalise).map(NetworkPolicy::withoutPort).toList();
  }

  boolean allows(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return false;
    }
    String host = hostOf(uri);
    return host != null && allowsHost(host);
  }

  boolean allowsHost(String rawHost) {
    String host = normalise(rawHost);
    for (String d : denied) {
      if (d.equals(host) || matches(d, host)) {
        return false;
      }
    }
    for (String d : declared) {
      if (d.equals("*")) {
        return true;
      } else if (matches(d, host)) {
        return true;
      } else if (d.equals(host)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code *.} wildcard matches a host (sub-domains only, never the apex). */
  private static boolean matches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String suffix = pattern.substring(1);
    return host.endsWith(suffix) && host.length() > suffix.length();
  }

  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  static @Nullable String hostOf(URI uri) {
    return uri.getHost();
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
