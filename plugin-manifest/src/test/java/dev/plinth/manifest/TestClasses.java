package dev.plinth.manifest;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Real class files and jars for bundle tests: minimal, loadable classes of any name. */
final class TestClasses {
  private TestClasses() {}

  /** A loadable Java 17 class file declaring {@code className} (public, extends Object, empty). */
  static byte[] classFile(String className) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(61);
      out.writeShort(5);
      out.writeByte(1);
      out.writeUTF(className.replace('.', '/'));
      out.writeByte(7);
      out.writeShort(1);
      out.writeByte(1);
      out.writeUTF("java/lang/Object");
      out.writeByte(7);
      out.writeShort(3);
      out.writeShort(0x0021);
      out.writeShort(2);
      out.writeShort(4);
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(0);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a jar whose entries are the given classes. An argument containing {@code /} is taken as
   * an entry path (e.g. a multi-release {@code META-INF/versions/17/a/B.class}); the class it
   * declares is read from the path after any {@code META-INF/versions/N/} prefix. An argument
   * {@code path!text} is a text entry.
   */
  static Path jar(Path file, String... classesOrEntries) {
    return jar(file, new Manifest(), classesOrEntries);
  }

  /** As {@link #jar(Path, String...)}, with the given main manifest attribute (such as {@code Class-Path}). */
  static Path jarWithAttribute(Path file, String name, String value, String... classesOrEntries) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue(name, value);
    return jar(file, manifest, classesOrEntries);
  }

  private static Path jar(Path file, Manifest manifest, String... classesOrEntries) {
    try {
      Files.createDirectories(file.getParent());
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      try (OutputStream os = Files.newOutputStream(file);
          JarOutputStream jar = new JarOutputStream(os, manifest)) {
        for (String c : classesOrEntries) {
          int bang = c.indexOf('!');
          if (bang > 0) { // "path!text": a text entry
            jar.putNextEntry(new JarEntry(c.substring(0, bang)));
            jar.write(c.substring(bang + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
            continue;
          }
          String entry = c.contains("/") ? c : c.replace('.', '/') + ".class";
          String declared = entry.replaceFirst("^META-INF/versions/\\d+/", "")
              .replaceFirst("\\.class$", "").replace('/', '.');
          jar.putNextEntry(new JarEntry(entry));
          jar.write(classFile(declared));
          jar.closeEntry();
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a loose class file at {@code file} declaring {@code className}. */
  static Path looseClass(Path file, String className) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, classFile(className));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
