package dev.plinth.installer.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Digests of extracted bundles. The tree digest is the sha256 over the lines
 * {@code path\0sha256\n} sorted by path: one value that pins every file, recorded in
 * {@code plinth.lock}. Stateless and thread-safe.
 */
final class TreeDigest {
  private TreeDigest() {}

  /** The tree digest of a path-to-sha256 map. */
  static String of(Map<String, String> fileDigests) {
    MessageDigest md = sha256();
    for (Map.Entry<String, String> e : new TreeMap<>(fileDigests).entrySet()) {
      md.update((e.getKey() + '\0' + e.getValue() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The sha256 of every regular file under {@code root} by {@code /}-separated relative path, skipping {@code exclude}. */
  static Map<String, String> hashFiles(Path root, String exclude) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(exclude)) {
          out.put(rel, Files.isSymbolicLink(p) ? "symlink:" + Files.readSymbolicLink(p) : sha256(p));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash files under " + root, e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh SHA-256 digest. */
  static MessageDigest newSha256() {
    return sha256();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
