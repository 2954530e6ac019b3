package dev.plinth.testkit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.signing.PgpTestKey;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ReleaseServer#publishMaven} lays out one artifact. Immutable; each {@code with*}
 * returns a new value.
 *
 * @param checksums checksum files to serve (default SHA-256 and SHA-512)
 * @param classifier the classifier in the file name ({@code <a>-<v>-<classifier>.tar.gz}), or null
 * @param signer signs the archive at publish time ({@code .asc}); when null an {@code .asc} the
 *     bundle already has is served
 * @param publishManifest whether {@code <a>-<v>-plugin.toml} is served
 * @param wrongDigests whether every checksum file holds the digest of other bytes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MavenOptions(Set<MavenChecksum> checksums, @Nullable String classifier,
    @Nullable PgpTestKey signer, boolean publishManifest, boolean wrongDigests) {
  public MavenOptions {
    checksums = checksums.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checksums));
  }

  /** SHA-256 and SHA-512 files, the manifest, no classifier, no extra signature. */
  public static MavenOptions defaults() {
    return new MavenOptions(EnumSet.of(MavenChecksum.SHA256, MavenChecksum.SHA512), null, null,
        true, false);
  }

  /** Serves exactly these checksum files (none when empty). */
  public MavenOptions withChecksums(MavenChecksum... kinds) {
    Set<MavenChecksum> set = EnumSet.noneOf(MavenChecksum.class);
    set.addAll(java.util.List.of(kinds));
    return new MavenOptions(set, classifier, signer, publishManifest, wrongDigests);
  }

  /** Serves only {@code .sha1} and {@code .md5}, which an installer must refuse to trust. */
  public MavenOptions withOnlyWeakChecksums() {
    return withChecksums(MavenChecksum.SHA1, MavenChecksum.MD5);
  }

  /** Adds a classifier to the file names. */
  public MavenOptions withClassifier(String value) {
    return new MavenOptions(checksums, value, signer, publishManifest, wrongDigests);
  }

  /** Signs the archive with this key and serves {@code <file>.asc}. */
  public MavenOptions withSigner(PgpTestKey key) {
    return new MavenOptions(checksums, classifier, key, publishManifest, wrongDigests);
  }

  /** Does not serve {@code <a>-<v>-plugin.toml}. */
  public MavenOptions withoutManifest() {
    return new MavenOptions(checksums, classifier, signer, false, wrongDigests);
  }

  /** Serves checksum files that do not match the archive. */
  public MavenOptions withWrongDigests() {
    return new MavenOptions(checksums, classifier, signer, publishManifest, true);
  }
}
