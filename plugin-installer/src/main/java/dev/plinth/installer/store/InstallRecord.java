package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;

import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.StagedBundle;
import dev.plinth.manifest.CapabilityReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code versions/<v>/.install.json}: where a committed version came from and what its files
 * hash to. Written into the staged bundle before the move, so a version folder never exists
 * without its record. {@code audit} is the capability audit of the bundle's code (null when the
 * installer had no auditor).
 */
record InstallRecord(
    String id,
    String version,
    String source,
    @Nullable String archiveSha256,
    String treeSha256,
    Map<String, String> files,
    SignatureVerdict signature,
    String installedAt,
    Map<String, String> dependencies,
    String permissionsDigest,
    String transaction,
    @Nullable CapabilityReport audit) {

  InstallRecord {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(source, "source");
    requireNonNull(treeSha256, "treeSha256");
    files = new TreeMap<>(files);
    requireNonNull(signature, "signature");
    requireNonNull(installedAt, "installedAt");
    dependencies = new TreeMap<>(dependencies);
    requireNonNull(permissionsDigest, "permissionsDigest");
    requireNonNull(transaction, "transaction");
  }

  static InstallRecord of(StagedBundle bundle, String txId, Instant now) {
    return new InstallRecord(bundle.id(), bundle.version(), bundle.sourceSpec(), bundle.archiveSha256(),
        TreeDigest.of(bundle.fileDigests()), bundle.fileDigests(), bundle.signature(), now.toString(),
        bundle.manifest().dependencies(), PluginState.permissionsDigest(bundle.manifest().permissions()), txId,
        bundle.audit());
  }

  Instant installedAtInstant() {
    return Instant.parse(installedAt);
  }

  /** The signer identity recorded in {@code plinth.lock}, or null when unsigned. */
  @Nullable String signer() {
    return signature.verified() ? signature.identity() : null;
  }

  void writeInto(Path versionDir) {
    Json.writeAtomically(versionDir.resolve(StoreLayout.INSTALL_RECORD), this);
  }

  /** The record of a version folder, empty when the folder or its record is missing or unreadable. */
  static Optional<InstallRecord> read(Path versionDir) {
    Path file = versionDir.resolve(StoreLayout.INSTALL_RECORD);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(file, InstallRecord.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
