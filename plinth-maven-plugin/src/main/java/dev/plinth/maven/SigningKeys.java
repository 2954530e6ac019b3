package dev.plinth.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Writes a fresh Ed25519 private key as unencrypted PKCS#8 PEM, readable by its owner only. */
final class SigningKeys {
  private SigningKeys() {}

  static void generateEd25519(Path file) throws IOException {
    byte[] pkcs8;
    try {
      pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this JVM", e);
    }
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
