package dev.plinth.installer.download;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A small HTTP answer read fully into memory (release JSON, digest files, manifests).
 *
 * @param url the URL requested
 * @param status the HTTP status
 * @param body the body as UTF-8 text (bounded)
 * @param headers response headers, names lower-case
 */
@API(status = STABLE, since = "0.1")
public record HttpText(String url, int status, String body, Map<String, List<String>> headers) {
  public HttpText {
    requireNonNull(url, "url");
    requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header (case-insensitive). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
