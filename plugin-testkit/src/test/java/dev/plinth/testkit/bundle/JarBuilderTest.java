package dev.plinth.testkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarBuilderTest {
  @TempDir Path temp;

  @Test
  void write_sourcesResourcesAndService_loadableInClassLoader() throws Exception {
    Path jar = JarBuilder.create()
        .source("com.acme.lib.Greeter", """
            package com.acme.lib;
            public final class Greeter implements java.util.function.Supplier<String> {
              public String get() { return Inner.text(); }
              static final class Inner { static String text() { return "hi from lib"; } }
            }
            """)
        .resource("com/acme/lib/data.txt", "payload")
        .service("java.util.function.Supplier", "com.acme.lib.Greeter")
        .write(temp.resolve("nested/greeter.jar"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      @SuppressWarnings("rawtypes")
      ServiceLoader<Supplier> services = ServiceLoader.load(Supplier.class, loader);
      assertThat(services.findFirst()).hasValueSatisfying(s -> assertThat(s.get()).isEqualTo("hi from lib"));
      try (InputStream in = loader.getResourceAsStream("com/acme/lib/data.txt")) {
        assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("payload");
      }
    }
  }

  @Test
  void write_manifestFirst_readableByJarInputStream() throws Exception {
    Path jar = JarBuilder.create().resource("a.txt", "a").write(temp.resolve("a.jar"));

    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
      assertThat(in.getManifest()).isNotNull();
      assertThat(in.getManifest().getMainAttributes().getValue("Created-By")).isEqualTo("plinth-testkit");
      assertThat(in.getNextJarEntry().getName()).isEqualTo("a.txt");
    }
  }

  @Test
  void compileClasspath_otherJar_sourcesCompileAgainstIt() throws Exception {
    Path api = JarBuilder.create()
        .source("com.acme.api.Shape", "package com.acme.api; public interface Shape { int sides(); }")
        .write(temp.resolve("api.jar"));

    Path impl = JarBuilder.create().compileClasspath(api)
        .source("com.acme.impl.Square",
            "package com.acme.impl; public final class Square implements com.acme.api.Shape {"
                + " public int sides() { return 4; } }")
        .write(temp.resolve("impl.jar"));

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {api.toUri().toURL(), impl.toUri().toURL()}, null)) {
      Object square = loader.loadClass("com.acme.impl.Square").getConstructor().newInstance();
      assertThat(square.getClass().getMethod("sides").invoke(square)).isEqualTo(4);
      assertThat(square.getClass().getClassLoader().getResource("com/acme/api/Shape.class")).isNotNull();
    }
  }

  @Test
  void source_sameClassTwice_rejected() {
    JarBuilder b = JarBuilder.create().source("a.B", "package a; class B {}");

    assertThatThrownBy(() -> b.source("a.B", "package a; class B {}"))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage()).isEqualTo("source given twice: a.B");
        });
  }

  @Test
  void classes_preBuiltFolder_copiedIntoJar() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("classes/x"));
    Files.writeString(folder.resolve("y.txt"), "y");

    Path jar = JarBuilder.create().classes(temp.resolve("classes")).write(temp.resolve("c.jar"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(loader.getResource("x/y.txt")).isNotNull();
    }
  }
}
