package dev.plinth.examples.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The example plugins' compiled classes, as the demo finds them: the build copies each example's
 * jar into this module's resources ({@code plinth-demo/plugins/<name>.jar}, see the pom), so they
 * travel inside the runnable jar without being on the host's classpath as classes. Here they are
 * unpacked into a folder of classes plus the {@code plugin.toml} each example ships.
 */
final class ExamplePlugins {
  static final String PLUGINS = "/plinth-demo/plugins/";
  static final String LIBS = "/plinth-demo/libs/";
  /** The library the isolated-lib example bundles (the host runs another version). */
  static final String ISOLATED_LIBRARY = "commons-lang3-3.12.0.jar";

  /**
   * One unpacked example.
   *
   * @param name the example's name (its jar's base name, such as {@code redactor-plugin})
   * @param classes a folder with its classes, resources and {@code META-INF/services}
   * @param manifest its {@code plugin.toml}
   */
  record Example(String name, Path classes, String manifest) {
    Example {
      requireNonNull(name, "name");
      requireNonNull(classes, "classes");
      requireNonNull(manifest, "manifest");
    }
  }

  private ExamplePlugins() {}

  /** Unpacks the embedded jar of one example into {@code dir/<name>/}. */
  static Example unpack(String name, Path dir) throws IOException {
    Path root = dir.resolve(name);
    Files.createDirectories(root);
    String manifest = null;
    try (InputStream raw = open(PLUGINS + name + ".jar"); ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String entry = e.getName();
        if (entry.equals("plugin.toml")) {
          manifest = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } else if (!e.isDirectory() && !entry.startsWith("META-INF/maven/") && !entry.equals("META-INF/MANIFEST.MF")) {
          Path target = root.resolve(entry).normalize();
          if (!target.startsWith(root)) {
            throw new IOException("jar entry must stay inside its folder: " + entry);
          }
          Files.createDirectories(target.getParent());
          Files.write(target, zip.readAllBytes());
        }
      }
    }
    if (manifest == null) {
      throw new IOException("example jar must hold plugin.toml at its root: " + name);
    }
    return new Example(name, root, manifest);
  }

  /** Copies an embedded library jar to {@code dir}. */
  static Path library(String fileName, Path dir) throws IOException {
    Path target = dir.resolve(fileName);
    Files.createDirectories(dir);
    try (InputStream in = open(LIBS + fileName)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static InputStream open(String resource) {
    InputStream in = ExamplePlugins.class.getResourceAsStream(resource);
    if (in == null) {
      throw new UncheckedIOException(new IOException("resource " + resource
          + " must be on the classpath: build the examples with Maven (they are copied in at generate-resources)"));
    }
    return in;
  }

  /** {@code manifest} with {@code [plugin] version} set to {@code version}. */
  static String withVersion(String manifest, String version) {
    return manifest.replaceFirst("(?m)^version\\s*=\\s*\"[^\"]*\"", "version = \"" + version + "\"");
  }

  /** {@code manifest} with {@code [plugin.engine] host} set to {@code range}. */
  static String withHostRange(String manifest, String range) {
    return manifest.replaceFirst("(?m)^host\\s*=\\s*\"[^\"]*\"", "host = \"" + range + "\"");
  }
}
