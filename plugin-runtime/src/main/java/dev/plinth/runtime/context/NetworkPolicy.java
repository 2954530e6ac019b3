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
 * cloud instance-metadata endpoints ({@link HostProfile#DEFAULT_DENIED_HOSTS}) are refused whatever
 * the manifest says. Immutable.
 */
final class NetworkPolicy {
  private static final List<String> DENIED = HostProfile.DEFAULT_DENIED_HOSTS;

  private final List<String> declared;

  NetworkPolicy(List<String> declared) {
    this.declared = declared.stream().map(NetworkPolicy::normalise).toList();
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
    if (DENIED.contains(host)) {
      return false;
    }
    for (String d : declared) {
      if (d.equals("*")) {
        return true;
      } else if (d.startsWith("*.")) {
        String suffix = d.substring(1);
        if (host.endsWith(suffix) && host.length() > suffix.length()) {
          return true;
        }
      } else if (d.equals(host)) {
        return true;
      }
    }
    return false;
  }

  static @Nullable String hostOf(URI uri) {
    return uri.getHost();
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
