package dev.plinth.installer.extract;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What an extraction or folder copy wrote.
 *
 * @param root the folder everything was written under
 * @param fileDigests sha256 (lower-case hex) of every regular file, by path relative to {@code root} with {@code /}
 * @param entries entries processed (files and folders)
 * @param totalBytes bytes written
 */
@API(status = STABLE, since = "0.1")
public record ExtractionResult(Path root, Map<String, String> fileDigests, int entries, long totalBytes) {
  public ExtractionResult {
    requireNonNull(root, "root");
    fileDigests = Collections.unmodifiableMap(new TreeMap<>(fileDigests));
  }
}
