package dev.plinth.manifest;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The preflight half of {@code permissions.network}: a plugin may not be granted a host the host
 * profile denies, and may ask for any host ({@code "*"}) only where the operator opted in. An entry
 * touches a denied host when the two are equal, when the entry's wildcard covers the denied host,
 * or when a denied wildcard covers the entry (ports are ignored: a denied host is denied on every
 * port). Stateless and thread-safe.
 */
final class NetworkRules {
  /** The network permission that asks for any host. */
  static final String ANY_HOST = "*";

  private NetworkRules() {}

  static void check(Issues issues, List<String> network, HostProfile host) {
    for (int i = 0; i < network.size(); i++) {
      String entry = network.get(i);
      String field = "plugin.permissions.network[" + i + "]";
      if (entry.equals(ANY_HOST)) {
        if (!host.unrestrictedNetwork()) {
          issues.add(ManifestCode.NETWORK_UNRESTRICTED_NOT_ALLOWED, field, entry,
              "asks for any host, which " + host.hostName() + " does not allow",
              "List the hosts the plugin calls instead of `*`; or, as the operator, allow it with"
                  + " unrestricted_network = true in host.toml (PluginSystem.builder().unrestrictedNetwork(true)).");
        }
        continue;
      }
      String denied = deniedMatch(entry, host.deniedHosts());
      if (denied != null) {
        issues.add(ManifestCode.NETWORK_HOST_DENIED, field, entry,
            "touches the denied host `" + denied + "`",
            "Narrow the entry to hosts the plugin really calls, none of them `" + denied + "`"
                + (entry.startsWith("*.") ? " (list names instead of the wildcard)." : "."));
      }
    }
  }

  /** The first denied host the entry touches, or null. */
  static @Nullable String deniedMatch(String entry, List<String> deniedHosts) {
    String e = bare(entry);
    for (String d : deniedHosts) {
      String denied = bare(d);
      if (denied.equals(e) || covers(e, denied) || covers(denied, e)) {
        return d;
      }
    }
    return null;
  }

  /** Whether wildcard {@code pattern} ({@code *.x}) matches {@code host} or every host a wildcard host matches. */
  private static boolean covers(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String suffix = pattern.substring(1);
    String h = host.startsWith("*.") ? host.substring(1) : host;
    return h.endsWith(suffix) && h.length() > suffix.length();
  }

  /** Lower case, without a trailing dot or {@code :port}. */
  private static String bare(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
