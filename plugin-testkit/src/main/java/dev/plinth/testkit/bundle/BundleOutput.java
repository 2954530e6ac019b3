package dev.plinth.testkit.bundle;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.signing.SignatureFiles;
import dev.plinth.testkit.signing.TestSigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Writes an archive and what goes beside it ({@code .sha256}, signature files) and describes the
 * result as a {@link BuiltBundle}. Stateless.
 */
final class BundleOutput {
  private BundleOutput() {}

  /** What the archive is: the facts that go into its {@link BuiltBundle}. */
  record Identity(String id, String version, String target, @Nullable String manifest) {}

  static BuiltBundle write(EntryTree tree, BundleFormat format, Path file, Identity identity,
      @Nullable TestSigningKey signer) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      ArchiveWriter.write(tree, format, file);
    } catch (IOException e) {
      throw writeFailed(file, e);
    }
    return describe(file, format, identity, signer);
  }

  /** Hashes a written archive, writes {@code <file>.sha256} and signs it when a key is given. */
  static BuiltBundle describe(Path file, BundleFormat format, Identity identity,
      @Nullable TestSigningKey signer) {
    try {
      String sha256 = sha256Hex(file);
      Path shaFile = file.resolveSibling(file.getFileName() + ".sha256");
      Files.writeString(shaFile, sha256 + "  " + file.getFileName() + "\n", StandardCharsets.UTF_8);
      SignatureFiles sig = signer == null ? null : signer.signFile(file);
      return new BuiltBundle(file, format, identity.id(), identity.version(), identity.target(),
          sha256, Files.size(file), shaFile, identity.manifest(),
          sig == null ? null : sig.signature(), sig == null ? null : sig.publicKey());
    } catch (IOException e) {
      throw writeFailed(file, e);
    }
  }

  static String sha256Hex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static TestkitException writeFailed(Path file, IOException e) {
    return new TestkitException(TestkitErrorCode.BUNDLE_WRITE_FAILED,
        "archive cannot be written: " + file + " (" + e.getMessage() + ")",
        "Check that the output folder is writable and has space.", e);
  }
}
