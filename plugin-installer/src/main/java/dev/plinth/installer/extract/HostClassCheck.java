package dev.plinth.installer.extract;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apiguardian.api.API;

/**
 * Refuses bundles that carry their own copy of {@code dev.plinth.api} or of a package the host
 * exports: the host's copy must be the only one, or plugins fail with class-cast and linkage
 * errors at run time. Reads only jar central directories. Thread-safe (stateless).
 */
@API(status = STABLE, since = "0.1")
public final class HostClassCheck {
  private HostClassCheck() {}

  /**
   * @param layout the located bundle
   * @param hostPackages packages the host exports (dotted, subpackages included); {@code dev.plinth.api} always is
   * @throws InstallException {@code EXTRACT_HOST_CLASSES_REFUSED}, phase {@code extract}
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
        try (ZipFile jar = ZipFile.builder().setPath(layout.bundleRoot().resolve(file)).get()) {
          Enumeration<ZipArchiveEntry> entries = jar.getEntries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith(".class")) {
              match(file, name, prefixes);
            }
          }
        } catch (IOException e) {
          throw ExtractErrors.invalid(file, "jar in bundle is unreadable: " + e.getMessage(), e);
        }
      }
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
