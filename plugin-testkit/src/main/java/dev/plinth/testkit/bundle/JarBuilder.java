package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Builds a deterministic jar from Java sources compiled in memory, class folders, resources and
 * service files: a plugin's library ({@code lib/*.jar}), a second version of a library for
 * isolation tests, or a jar on another plugin's compile classpath. Not thread-safe; use one
 * builder per jar.
 *
 * <pre>{@code
 * Path lib = JarBuilder.create()
 *     .source("com.acme.util.Text", "package com.acme.util; public final class Text {}")
 *     .write(tempDir.resolve("acme-util.jar"));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JarBuilder {
  private final ClassContent content = new ClassContent();

  private JarBuilder() {}

  /** A new, empty jar builder. */
  public static JarBuilder create() {
    return new JarBuilder();
  }

  /** Adds a class's Java source, compiled with {@code --release 17} when the jar is written. */
  public JarBuilder source(String className, String javaSource) {
    content.source(className, javaSource);
    return this;
  }

  /** Adds every file under a folder of already compiled classes, at the jar root. */
  public JarBuilder classes(Path folder) {
    content.classFolder(folder);
    return this;
  }

  /** Adds a resource file at a relative path. */
  public JarBuilder resource(String path, byte[] data) {
    content.resource(path, data);
    return this;
  }

  /** Adds a UTF-8 text resource at a relative path. */
  public JarBuilder resource(String path, String text) {
    return resource(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a line to {@code META-INF/services/<serviceInterface>}. */
  public JarBuilder service(String serviceInterface, String implementation) {
    content.service(serviceInterface, implementation);
    return this;
  }

  /** Adds a jar or folder to the compile classpath (after the test's own classpath). */
  public JarBuilder compileClasspath(Path entry) {
    content.compileClasspath(entry);
    return this;
  }

  /**
   * Compiles and writes the jar, creating parent folders.
   *
   * @return {@code jar}
   * @throws TestkitException {@code SOURCE_COMPILE_FAILED} or {@code BUNDLE_WRITE_FAILED}
   */
  public Path write(Path jar) {
    EntryTree tree = new EntryTree();
    tree.putAll("", content.render(List.of()));
    try {
      Path parent = jar.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      ArchiveWriter.writeZip(tree, jar, true);
      return jar;
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.BUNDLE_WRITE_FAILED,
          "jar cannot be written: " + jar, "Check that the folder is writable.", e);
    }
  }
}
