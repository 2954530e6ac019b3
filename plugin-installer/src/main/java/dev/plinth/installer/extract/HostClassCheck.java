package dev.plinth.installer.extract;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.manifest.JarClassPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Refuses bundles that carry their own copy of {@code dev.plinth.api} or of a package the host
 * exports: the host's copy must be the only one, or plugins fail with class-cast and linkage
 * errors at run time. Also refuses a jar whose {@code Class-Path} manifest attribute leads out of
 * the bundle, which the JDK's loader would follow. Reads jar central directories and manifests.
 * Thread-safe (stateless).
 */
@API(status = STABLE, since = "0.1")
public final class HostClassCheck {
  private HostClassCheck() {}

  /**
   * @param layout the located bundle
   * @param hostPackages packages the host exports (dotted, subpackages included); {@code dev.plinth.api} always is
   * @throws InstallException {@code EXTRACT_HOST_CLASSES_REFUSED} or {@code EXTRACT_CLASS_PATH_OUTSIDE},
   *     phase {@code extract}
   */
  public static void check(BundleLayout layout, List<String> hostPackages) {
    List<String> prefixes = new ArrayList<>();
    prefixes.add("dev/plinth/api/");
    for (String p : hostPackages) {
      prefixes.add(p.replace('.', '/') + "/");
    }
    for (String file : layout.fileDigests().keySet()) {
      if (file.endsWith(".class")) {
        match(file, file, prefixes);
      } else if (file.endsWith(".jar")) {
        Path path = layout.bundleRoot().resolve(file);
        try (ZipFile jar = ZipFile.builder().setPath(path).get()) {
          Enumeration<ZipArchiveEntry> entries = jar.getEntries();
          ZipArchiveEntry manifest = null;
          ZipArchiveEntry index = null;
          while (entries.hasMoreElements()) {
            ZipArchiveEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.endsWith(".class")) {
              match(file, name, prefixes);
            } else if (name.equalsIgnoreCase(JarClassPath.MANIFEST_NAME)) {
              manifest = entry;
            } else if (name.equals(JarClassPath.INDEX_NAME)) {
              index = entry;
            }
          }
          List<JarClassPath.Reference> refs =
              JarClassPath.references(read(jar, manifest, JarClassPath::mainSection), read(jar, index, JarClassPath::index));
          List<JarClassPath.Reference> leaving = JarClassPath.leaving(layout.bundleRoot(), path, refs);
          if (!leaving.isEmpty()) {
            JarClassPath.Reference r = leaving.get(0);
            throw new InstallException(InstallErrorCode.EXTRACT_CLASS_PATH_OUTSIDE, Phase.EXTRACT,
                "jar " + r.field() + " must stay inside the bundle: " + file + " names " + r.token(),
                "Remove " + r.removal(file) + " (or make it name jars inside the bundle), rebuild the bundle and"
                    + " install it again.",
                Map.of("file", file, "field", r.field(), "value", r.token()), null);
          }
        } catch (IOException e) {
          throw ExtractErrors.invalid(file, "jar in bundle is unreadable: " + e.getMessage(), e);
        }
      }
    }
  }

  /** How much of an entry to read. */
  private interface Reader {
    byte[] read(InputStream in) throws IOException;
  }

  /** An entry's bytes as {@code reader} bounds them; null when the jar has no such entry. */
  private static byte @Nullable [] read(ZipFile jar, @Nullable ZipArchiveEntry entry, Reader reader) throws IOException {
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return reader.read(in);
    }
  }

  private static void match(String file, String classPath, List<String> prefixes) {
    String normalized = classPath.startsWith("classes/") ? classPath.substring("classes/".length()) : classPath;
    for (String prefix : prefixes) {
      String dir = normalized.substring(0, normalized.lastIndexOf('/') + 1);
      if (dir.startsWith(prefix)) {
        String pkg = prefix.substring(0, prefix.length() - 1).replace('/', '.');
        throw new InstallException(InstallErrorCode.EXTRACT_HOST_CLASSES_REFUSED, Phase.EXTRACT,
            "bundle classes must not include host package " + pkg + ": " + file
                + (file.equals(classPath) ? "" : "!/" + classPath),
            "Mark the dependency providing " + pkg + " as provided (compileOnly) so it is not packed into the bundle.",
            Map.of("file", file, "class", classPath, "package", pkg), null);
      }
    }
  }
}
