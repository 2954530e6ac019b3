package dev.plinth.testkit.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every path under a plugin home with the sha256 of each file, the target of each link and a
 * marker for each folder, except the event log (which a failed install appends to by design).
 * Two snapshots are equal when the home is byte-for-byte the same.
 */
record HomeSnapshot(Map<String, String> entries) {

  static HomeSnapshot of(Path home) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = home.relativize(p).toString().replace('\\', '/');
        if (rel.isEmpty() || isEventLog(rel)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          out.put(rel + "/", "dir");
        } else {
          out.put(rel, sha256(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("home cannot be read: " + home, e);
    }
    return new HomeSnapshot(out);
  }

  /** What differs from an earlier snapshot, one line per path; empty when they are equal. */
  List<String> differencesFrom(HomeSnapshot before) {
    List<String> out = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(before.entries.keySet());
    all.addAll(entries.keySet());
    for (String path : all) {
      String was = before.entries.get(path);
      String now = entries.get(path);
      if (was == null) {
        out.add("added " + path);
      } else if (now == null) {
        out.add("removed " + path);
      } else if (!was.equals(now)) {
        out.add("changed " + path);
      }
    }
    return out;
  }

  private static boolean isEventLog(String rel) {
    return rel.startsWith("events.jsonl");
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 must be available", e);
    }
  }
}
