package dev.plinth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.CapabilityUse;
import dev.plinth.testkit.bundle.JarBuilder;
import dev.plinth.testkit.bundle.PluginBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BytecodeAuditorTest {
  @TempDir Path dir;

  static Stream<CapabilitySample> samples() {
    return CapabilitySample.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void audit_classUsingOneCapability_reportsExactlyThatCapability(CapabilitySample sample) {
    Path bundle = PluginBundle.builder("cap_" + sample.capability().id(), "1.0.0")
        .source(sample.className(), sample.source()).writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.capabilities()).containsExactly(sample.capability());
    CapabilityUse use = report.uses().get(0);
    assertThat(use.className()).isEqualTo(sample.className());
    assertThat(use.method()).startsWith("run(");
    assertThat(use.line()).isPositive();
    assertThat(use.location()).startsWith("classes/");
    assertThat(report.unreadable()).isEmpty();
  }

  @Test
  void audit_capabilityInsideDependencyJar_namesTheJar() {
    Path bundle = PluginBundle.builder("with_dep", "1.0.0")
        .source("com.acme.Main", "package com.acme; public final class Main { public int run() { return 1; } }")
        .library("netlib.jar", JarBuilder.create().source("org.netlib.Dial",
            "package org.netlib; public final class Dial { public void run() throws Exception {"
                + " new java.net.Socket(\"example.com\", 80).close(); } }"))
        .writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.capabilities()).containsExactly(Capability.NETWORK);
    assertThat(report.uses().get(0).location()).isEqualTo("lib/netlib.jar");
    assertThat(report.uses().get(0).className()).isEqualTo("org.netlib.Dial");
    assertThat(report.uses().get(0).target()).isEqualTo("java/net/Socket.<init>(Ljava/lang/String;I)V");
    assertThat(report.jarsScanned()).isEqualTo(1);
  }

  @Test
  void audit_multiReleaseAndNestedJarEntries_areScanned() throws IOException {
    Path plain = JarBuilder.create().source("org.mr.Exit",
        "package org.mr; public final class Exit { public void run() { System.exit(3); } }").write(dir.resolve("plain.jar"));
    Path inner = JarBuilder.create().source("org.inner.Spawn",
        "package org.inner; public final class Spawn { public void run() throws Exception {"
            + " new ProcessBuilder(\"true\").start(); } }").write(dir.resolve("inner.jar"));
    Path bundle = Files.createDirectories(dir.resolve("b/lib"));
    Files.writeString(dir.resolve("b/plugin.toml"), "[plugin]\nid = \"mr\"\nversion = \"1.0.0\"\n");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bundle.resolve("mr.jar")));
        JarFile in = new JarFile(plain.toFile())) {
      for (JarEntry e : java.util.Collections.list(in.entries())) {
        if (e.getName().endsWith(".class")) {
          out.putNextEntry(new JarEntry("META-INF/versions/17/" + e.getName()));
          in.getInputStream(e).transferTo(out);
        }
      }
      out.putNextEntry(new JarEntry("BOOT-INF/lib/inner.jar"));
      Files.copy(inner, out);
    }

    CapabilityReport report = BytecodeAuditor.create().audit(dir.resolve("b"));

    assertThat(report.capabilities()).containsExactlyInAnyOrder(Capability.EXIT, Capability.PROCESS);
    assertThat(report.uses(Capability.PROCESS).get(0).location()).isEqualTo("lib/mr.jar!/BOOT-INF/lib/inner.jar");
    assertThat(report.jarsScanned()).isEqualTo(2);
  }

  @Test
  void audit_lambdasMethodHandlesAndIndyConcat_reportNothing() {
    String source = """
        package com.acme;
        import java.lang.invoke.MethodHandle;
        import java.lang.invoke.MethodHandles;
        import java.lang.invoke.MethodType;
        import java.util.List;
        import java.util.function.Function;
        import java.util.function.Supplier;
        public final class Clever {
          record Point(int x, int y) {}
          enum Mode { A, B }
          public String run(String name, int n) throws Throwable {
            Function<String, Integer> len = String::length;
            Supplier<String> s = () -> name + "-" + n + "-" + Mode.B;
            MethodHandle mh = MethodHandles.lookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
            int viaHandle = (int) mh.invokeExact(name);
            Runnable r = () -> { };
            r.run();
            String label = switch (name) { case "a" -> "x"; case "b" -> "y"; default -> "z"; };
            Point p = new Point(n, viaHandle);
            List<Integer> doubled = List.of(1, 2, 3).stream().map(i -> i * 2).toList();
            return s.get() + len.apply(label) + p + p.hashCode() + doubled + this.getClass().getSimpleName();
          }
        }
        """;
    Path bundle = PluginBundle.builder("clever", "1.0.0").source("com.acme.Clever", source)
        .writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.uses()).isEmpty();
    assertThat(report.classesScanned()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void audit_methodReferenceToCapability_isAUse() {
    Path bundle = PluginBundle.builder("ref", "1.0.0").source("com.acme.Ref",
        "package com.acme; public final class Ref { public java.util.function.IntConsumer run() { return System::exit; } }")
        .writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.capabilities()).containsExactly(Capability.EXIT);
    assertThat(report.uses().get(0).target()).isEqualTo("java/lang/System.exit(I)V");
  }

  @Test
  void audit_lookupByComputedString_isDynamic_butConstantNamesAreResolved() {
    Path bundle = PluginBundle.builder("dyn", "1.0.0")
        .source("com.acme.Dyn", "package com.acme; public final class Dyn {"
            + " public Object run(String name) throws Exception { return Class.forName(name); } }")
        .source("com.acme.Known", "package com.acme; public final class Known {"
            + " public Object run() throws Exception { return Class.forName(\"java.util.ArrayList\")"
            + ".getMethod(\"size\").getName(); } }")
        .source("com.acme.Unsafe", "package com.acme; public final class Unsafe {"
            + " public Object run() throws Exception { return Class.forName(\"sun.misc.Unsafe\"); } }")
        .writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.uses(Capability.DYNAMIC)).extracting(CapabilityUse::className).containsExactly("com.acme.Dyn");
    assertThat(report.uses(Capability.REFLECTION)).singleElement()
        .satisfies(u -> assertThat(u.target()).isEqualTo("java/lang/Class.forName(\"sun.misc.Unsafe\")"));
    assertThat(report.capabilities()).isEqualTo(Set.of(Capability.DYNAMIC, Capability.REFLECTION));
  }

  @Test
  void audit_threadSubclass_isCaughtAtItsSuperConstructorCall() {
    Path bundle = PluginBundle.builder("sub", "1.0.0").source("com.acme.Worker",
        "package com.acme; public final class Worker extends Thread { public Worker() { super(\"w\"); } }")
        .writeFolder(dir.resolve("b"));

    CapabilityReport report = BytecodeAuditor.create().audit(bundle);

    assertThat(report.capabilities()).containsExactly(Capability.THREADS);
    assertThat(report.uses().get(0).method()).isEqualTo("<init>()V");
  }

  @Test
  void audit_classFileThatIsNotAClass_isListedUnreadable() throws IOException {
    Path bundle = Files.createDirectories(dir.resolve("b/classes/com/acme"));
    Files.write(bundle.resolve("Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3});

    CapabilityReport report = BytecodeAuditor.create().audit(dir.resolve("b"));

    assertThat(report.unreadable()).singleElement().asString().startsWith("classes/com/acme/Broken.class: ");
    assertThat(report.classesScanned()).isEqualTo(1);
  }

  @Test
  void audit_singleJarBundle_isReadDirectly() {
    Path jar = PluginBundle.builder("jarred", "1.0.0").source("com.acme.Halt",
        "package com.acme; public final class Halt { public void run() { Runtime.getRuntime().halt(1); } }")
        .writeJar(dir).path();

    CapabilityReport report = BytecodeAuditor.create().audit(jar);

    assertThat(report.capabilities()).containsExactly(Capability.EXIT);
    assertThat(report.uses().get(0).location()).isEqualTo(jar.getFileName().toString());
  }

  @Test
  void audit_tarGzFile_isRefusedWithAHint() throws IOException {
    Path file = Files.writeString(dir.resolve("x.tar.gz"), "not read");

    assertThatThrownBy(() -> BytecodeAuditor.create().audit(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract other archives first")
        .hasMessageContaining(file.toString());
  }

  @Test
  void discover_findsTheBytecodeAuditor() {
    assertThat(dev.plinth.manifest.BundleAuditor.discover()).get().isInstanceOf(BytecodeAuditor.class);
  }
}
