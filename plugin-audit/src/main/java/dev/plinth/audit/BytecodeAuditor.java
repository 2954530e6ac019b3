package dev.plinth.audit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.BundleAuditor;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.CapabilityUse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apiguardian.api.API;

/**
 * The ASM bytecode audit: every {@code .class} file of a bundle folder, and every class of every
 * {@code .jar} or {@code .zip} in it (multi-release {@code META-INF/versions/} entries and jars
 * nested inside jars included, to a depth of {@value #MAX_NESTING}), checked against a table of
 * capability calls. A class ASM cannot parse is listed in {@link CapabilityReport#unreadable()},
 * never skipped silently. Links are not followed: the installer has already refused links that
 * leave the bundle.
 *
 * <pre>{@code
 * CapabilityReport report = BytecodeAuditor.create().audit(Path.of("build/bundle"));
 * report.uses(Capability.NETWORK).forEach(u -> System.out.println(u.describe()));
 * }</pre>
 *
 * <p>Registered as the {@link java.util.ServiceLoader} provider of {@link BundleAuditor}, so the
 * installer and preflight use it whenever this module is on the class path. Stateless and
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BytecodeAuditor implements BundleAuditor {
  /** Name and table version, recorded in each report. */
  public static final String NAME = "asm-bytecode 1";

  static final int MAX_NESTING = 4;
  private static final long MAX_CLASS_BYTES = 64L << 20;

  /** For {@link java.util.ServiceLoader}; code should call {@link #create()}. */
  public BytecodeAuditor() {}

  public static BytecodeAuditor create() {
    return new BytecodeAuditor();
  }

  /**
   * Audits a bundle folder, a single {@code .jar} bundle or a {@code .zip} bundle archive.
   *
   * @throws UncheckedIOException when the bundle cannot be read
   * @throws IllegalArgumentException for another kind of file (extract a {@code .tar.gz} first)
   */
  @Override
  public CapabilityReport audit(Path bundle) {
    Scan scan = new Scan();
    try {
      if (Files.isDirectory(bundle)) {
        walk(bundle, scan);
      } else if (isArchive(bundle.getFileName() == null ? "" : bundle.getFileName().toString())) {
        scan.zipFile(bundle, bundle.getFileName().toString());
      } else {
        throw new IllegalArgumentException(
            "bundle must be a folder, a .jar or a .zip (extract other archives first): " + bundle);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bundle cannot be read for the audit: " + bundle, e);
    }
    return new CapabilityReport(NAME, scan.classes, scan.jars, scan.uses, scan.unreadable);
  }

  private static void walk(Path root, Scan scan) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        String rel = root.relativize(file).toString().replace('\\', '/');
        String name = rel.toLowerCase(Locale.ROOT);
        if (name.endsWith(".class")) {
          scan.classFile(Files.readAllBytes(file), rel);
        } else if (isArchive(name)) {
          scan.zipFile(file, rel);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static boolean isArchive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar") || lower.endsWith(".zip");
  }

  /** One audit's counters and findings. Not thread-safe. */
  private static final class Scan {
    final List<CapabilityUse> uses = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();
    int classes;
    int jars;

    void classFile(byte[] bytes, String location) {
      classFile(bytes, location, location);
    }

    void classFile(byte[] bytes, String location, String entry) {
      classes++;
      try {
        ClassAudit.audit(bytes, location, uses);
      } catch (RuntimeException e) {
        unreadable.add(entry + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }

    void zipFile(Path file, String location) {
      jars++;
      try (ZipFile zip = new ZipFile(file.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          if (e.isDirectory()) {
            continue;
          }
          String lower = e.getName().toLowerCase(Locale.ROOT);
          if (lower.endsWith(".class")) {
            try (InputStream in = zip.getInputStream(e)) {
              classFile(read(in, location + "!/" + e.getName()), location, location + "!/" + e.getName());
            }
          } else if (isArchive(lower)) {
            try (InputStream in = zip.getInputStream(e)) {
              nested(in, location + "!/" + e.getName(), 1);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        unreadable.add(location + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }

    private void nested(InputStream raw, String location, int depth) throws IOException {
      if (depth > MAX_NESTING) {
        unreadable.add(location + ": jars nested deeper than " + MAX_NESTING);
        return;
      }
      jars++;
      ZipInputStream in = new ZipInputStream(raw);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String lower = e.getName().toLowerCase(Locale.ROOT);
        if (e.isDirectory()) {
          continue;
        }
        if (lower.endsWith(".class")) {
          classFile(read(in, location + "!/" + e.getName()), location, location + "!/" + e.getName());
        } else if (isArchive(lower)) {
          nested(in, location + "!/" + e.getName(), depth + 1);
        }
      }
    }

    private static byte[] read(InputStream in, String what) throws IOException {
      byte[] bytes = in.readNBytes((int) MAX_CLASS_BYTES + 1);
      if (bytes.length > MAX_CLASS_BYTES) {
        throw new IOException("class file over " + MAX_CLASS_BYTES + " bytes: " + what);
      }
      return bytes;
    }
  }
}
