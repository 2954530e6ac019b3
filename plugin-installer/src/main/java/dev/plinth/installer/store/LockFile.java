package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code plinth.lock}, JSON:
 * <pre>{@code
 * {
 *   "lock_version" : 1,
 *   "plugins" : {
 *     "acme_redactor" : {
 *       "version" : "1.4.2",
 *       "source" : "github:acme/redactor@v1.4.2",
 *       "archive_sha256" : "9f86…",      // null for a local folder
 *       "tree_sha256" : "2c26…",         // sha256 over sorted "path\0sha256\n" lines
 *       "signer" : "https://github.com/acme/…"   // verified signer identity, or null
 *     }
 *   }
 * }
 * }</pre>
 * It is derived, never edited in place: after every change the store rewrites it from the
 * {@code current} pointers and their {@code .install.json}, so it cannot disagree with them
 * for longer than one transaction.
 */
record LockFile(int lockVersion, Map<String, Entry> plugins) {

  /** One locked plugin. */
  record Entry(String version, String source, @Nullable String archiveSha256, String treeSha256, @Nullable String signer) {
    Entry {
      requireNonNull(version, "version");
      requireNonNull(source, "source");
      requireNonNull(treeSha256, "treeSha256");
    }

    static Entry of(InstallRecord r) {
      return new Entry(r.version(), r.source(), r.archiveSha256(), r.treeSha256(), r.signer());
    }
  }

  LockFile {
    plugins = new TreeMap<>(plugins);
  }

  /** The lock file the store's current versions imply (plugins whose pointer dangles are left out). */
  static LockFile derive(StoreLayout layout) {
    Map<String, Entry> entries = new TreeMap<>();
    for (String id : layout.pluginIds()) {
      CurrentPointer.read(layout.pluginDir(id))
          .flatMap(v -> InstallRecord.read(layout.versionDir(id, v)))
          .ifPresent(r -> entries.put(id, Entry.of(r)));
    }
    return new LockFile(1, entries);
  }

  /** Rewrites {@code plinth.lock} from the current versions, skipping the write when nothing changed. */
  static void sync(StoreLayout layout) {
    byte[] wanted = Json.bytes(derive(layout));
    Path file = layout.lockFile();
    try {
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), wanted)) {
        return;
      }
    } catch (IOException e) {
      // rewrite below
    }
    AtomicFiles.write(file, wanted);
  }

  static LockFile read(Path file) {
    try {
      LockFile lock = Json.read(file, LockFile.class);
      if (lock.plugins() == null) {
        throw new IOException("no plugins object");
      }
      return lock;
    } catch (IOException | RuntimeException e) {
      throw new InstallException(InstallErrorCode.LOCK_FILE_INVALID, Phase.RESOLVE,
          "lock file must be plinth.lock JSON with a plugins object: " + file,
          "Regenerate the lock file from a working home (it is rewritten after every install).",
          Map.of("path", file.toString()), e);
    }
  }
}
