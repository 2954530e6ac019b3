package dev.plinth.testkit.bundle;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of a bundle or jar by relative path, kept sorted so every archive written from it
 * lists its entries in the same order. Not thread-safe; owned by one builder.
 */
final class EntryTree {
  /** One file: its bytes and whether it gets mode 0755 instead of 0644. */
  record Entry(byte[] data, boolean executable) {}

  private final NavigableMap<String, Entry> files = new TreeMap<>();

  void put(String path, byte[] data, boolean executable) {
    files.put(path, new Entry(data.clone(), executable));
  }

  void put(String path, byte[] data) {
    put(path, data, false);
  }

  void putAll(String prefix, Map<String, byte[]> entries) {
    entries.forEach((path, data) -> put(prefix + path, data));
  }

  boolean contains(String path) {
    return files.containsKey(path);
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  NavigableMap<String, Entry> files() {
    return files;
  }

  /** Every parent folder of every file, each with a trailing slash, sorted. */
  TreeSet<String> directories() {
    TreeSet<String> dirs = new TreeSet<>();
    for (String path : files.keySet()) {
      for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        dirs.add(path.substring(0, i + 1));
      }
    }
    return dirs;
  }

  /** Files and folders in one sorted order (a folder sorts before what it holds). */
  TreeSet<String> allNames() {
    TreeSet<String> names = new TreeSet<>(files.keySet());
    names.addAll(directories());
    return names;
  }

  /** A copy with every path under {@code folder/}. */
  EntryTree under(String folder) {
    EntryTree copy = new EntryTree();
    files.forEach((path, e) -> copy.files.put(folder + "/" + path, e));
    return copy;
  }
}
