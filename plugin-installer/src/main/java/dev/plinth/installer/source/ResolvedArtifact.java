package dev.plinth.installer.source;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.download.ExpectedDigest;
import dev.plinth.installer.extract.ArchiveFormat;
import dev.plinth.installer.trust.SignatureMaterial;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A source resolved to something fetchable: the outcome of the {@code resolve} phase.
 *
 * @param source the parsed source
 * @param id the plugin id when the source states it (GitHub manifest, Maven manifest, catalog), else null
 * @param version the version when the source states it, else null
 * @param kind whether the bundle is a local folder, a local file or a URL
 * @param location the folder or file path, or the archive URL
 * @param format the archive format, or null for a folder
 * @param fileName a safe file name for the archive in staging
 * @param digest the published digest to check, or null when none was published
 * @param signatures signature material published with the archive
 * @param manifestToml the manifest text when the source serves it separately (for preflight), else null
 * @param manifestOrigin where {@code manifestToml} came from, or null
 */
@API(status = STABLE, since = "0.1")
public record ResolvedArtifact(
    SourceSpec source,
    @Nullable String id,
    @Nullable String version,
    Kind kind,
    String location,
    @Nullable ArchiveFormat format,
    String fileName,
    @Nullable ExpectedDigest digest,
    List<SignatureMaterial> signatures,
    @Nullable String manifestToml,
    @Nullable String manifestOrigin) {

  public ResolvedArtifact {
    requireNonNull(source, "source");
    requireNonNull(kind, "kind");
    requireNonNull(location, "location");
    requireNonNull(fileName, "fileName");
    signatures = List.copyOf(signatures);
    if ((kind == Kind.FOLDER) != (format == null)) {
      throw new IllegalArgumentException("format must be null exactly for folders: " + kind + ", " + format);
    }
  }

  /** How the bundle is reached. */
  @API(status = STABLE, since = "0.1")
  public enum Kind {
    FOLDER,
    FILE,
    HTTP
  }
}
