package dev.plinth.installer.trust;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Signature material after it was fetched: its kind, bytes and where it came from.
 *
 * @param kind the kind of material
 * @param content the file's bytes (small: signatures, bundles, keys)
 * @param origin the URL or path it was read from
 */
@API(status = STABLE, since = "0.1")
public record FetchedSignature(SignatureMaterial.Kind kind, byte[] content, String origin) {
  public FetchedSignature {
    requireNonNull(kind, "kind");
    content = content.clone();
    requireNonNull(origin, "origin");
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
