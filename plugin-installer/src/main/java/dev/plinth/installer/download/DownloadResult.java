package dev.plinth.installer.download;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A file streamed into staging, with the digests computed on the way.
 *
 * @param file where it was written
 * @param size its size in bytes
 * @param digests lower-case hex digests; sha256 is always present
 */
@API(status = STABLE, since = "0.1")
public record DownloadResult(Path file, long size, Map<DigestAlgorithm, String> digests) {
  public DownloadResult {
    requireNonNull(file, "file");
    digests = Collections.unmodifiableMap(new EnumMap<>(digests));
  }

  public String sha256() {
    return digests.get(DigestAlgorithm.SHA256);
  }
}
