package dev.plinth.runtime.context;

import dev.plinth.api.HttpAccess;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Outbound HTTP limited to {@code permissions.network}. The client never follows redirects itself:
 * each {@code Location} is checked against the same policy before it is followed (at most {@value
 * #MAX_REDIRECTS}), so a declared host cannot bounce a plugin to an undeclared one. A redirect to
 * another scheme, host or port drops the {@code Authorization} header; 303, and 301 or 302 after
 * a method other than GET or HEAD, continue as a GET without body, as browsers do.
 */
final class GuardedHttp implements HttpAccess {
  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final NetworkPolicy policy;
  private final Supplier<HttpClient> client;
  private final Duration timeout;
  private final Denials denials;

  GuardedHttp(NetworkPolicy policy, Supplier<HttpClient> client, Duration timeout, Denials denials) {
    this.policy = policy;
    this.client = client;
    this.timeout = timeout;
    this.denials = denials;
  }

  @Override
  public boolean isAllowed(URI uri) {
    return policy.allows(uri);
  }

  @Override
  public Response send(Request request) throws IOException {
    String method = request.method();
    URI uri = request.uri();
    byte[] body = request.body();
    Map<String, List<String>> headers = request.headers();
    for (int hop = 0; ; hop++) {
      check(uri);
      HttpResponse<byte[]> response = exchange(method, uri, headers, body);
      Optional<String> location = response.headers().firstValue("location");
      if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty() || hop >= MAX_REDIRECTS) {
        return new Response(response.statusCode(), response.headers().map(), response.body());
      }
      URI next = uri.resolve(location.get());
      if (!sameOrigin(uri, next)) {
        headers = withoutAuthorization(headers); // credentials stay with the origin they were meant for
      }
      uri = next;
      int status = response.statusCode();
      if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD"))) {
        method = "GET";
        body = new byte[0];
      }
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
        && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static Map<String, List<String>> withoutAuthorization(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>(headers);
    out.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
    return out;
  }

  private void check(URI uri) {
    if (!policy.allows(uri)) {
      String host = NetworkPolicy.hostOf(uri);
      throw denials.deny("network", host != null ? host : uri.toString());
    }
  }

  private HttpResponse<byte[]> exchange(String method, URI uri, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .method(method, body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    try {
      return client.get().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("request to " + uri.getHost() + " was interrupted");
    }
  }
}
