package dev.plinth.maven;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lays out a bundle folder from a Maven build: {@code plugin.toml} at the root, the project's jar
 * and its runtime dependencies under {@code lib/} (the default {@code runtime.classpath}), or the
 * class folder as {@code classes/} when there is no jar yet. The folder is rebuilt from scratch each
 * time, so nothing stale is packed.
 */
final class BundleFolder {
  private BundleFolder() {}

  /**
   * @param manifest the {@code plugin.toml} to put at the root
   * @param code the project's jar, or its class folder
   * @param libraries runtime dependency jars (provided and test scopes are not among them)
   * @param folder the bundle folder to (re)create
   */
  static Path assemble(Path manifest, Path code, List<Path> libraries, Path folder) throws IOException {
    deleteTree(folder);
    Files.createDirectories(folder);
    Files.copy(manifest, folder.resolve("plugin.toml"));
    Set<String> names = new HashSet<>();
    if (Files.isDirectory(code)) {
      copyClasses(code, folder.resolve("classes"));
    } else {
      copyLibrary(code, folder.resolve("lib"), names);
    }
    for (Path library : libraries) {
      copyLibrary(library, folder.resolve("lib"), names);
    }
    return folder;
  }

  private static void copyLibrary(Path jar, Path lib, Set<String> names) throws IOException {
    Files.createDirectories(lib);
    String name = jar.getFileName().toString();
    if (!names.add(name)) {
      throw new IOException("two libraries share the file name " + name + "; the bundle's lib/ needs unique names");
    }
    Files.copy(jar, lib.resolve(name));
  }

  private static void copyClasses(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().equals("plugin.toml")) {
          continue; // the manifest sits at the bundle root, not in the classes
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
