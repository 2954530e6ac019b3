package dev.plinth.installer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a home with its sha256 (files), link target (links) or "dir", events excluded. */
final class HomeSnapshot {
  private HomeSnapshot() {}

  static Map<String, String> of(Path home) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(home)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = home.relativize(p).toString().replace('\\', '/');
        if (rel.isEmpty() || rel.matches("events(\\.\\d+)?\\.jsonl")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir");
        } else {
          out.put(rel, TreeDigest.sha256(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
