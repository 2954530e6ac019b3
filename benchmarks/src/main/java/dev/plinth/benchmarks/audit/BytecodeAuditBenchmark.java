package dev.plinth.benchmarks.audit;

import dev.plinth.audit.BytecodeAuditor;
import dev.plinth.installer.extract.FileTrees;
import dev.plinth.manifest.CapabilityReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Audits a bundle of about 100 MB (jars of generated classes, deflated as build tools write them,
 * plus a loose class folder; about half the classes refer to {@code java.lang.System}, so the audit
 * reads their code, and one method in fifty sets a system property) against a baseline that reads every byte of the bundle's files once
 * without decompressing or parsing anything. The ratio says what the audit costs at install over
 * the file reads the installer does anyway (hashing every extracted file); {@link
 * #inflateEntriesOnce()} shows how much of it is decompressing the jars.
 *
 * <pre>
 * ./mvnw -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar BytecodeAuditBenchmark -f 1 -wi 2 -i 5 -bm ss -tu ms
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BytecodeAuditBenchmark {
  private static final long TARGET_BYTES = 100L << 20;
  private static final int CLASSES_PER_JAR = 2_000;
  private static final int METHODS_PER_CLASS = 12;

  private Path bundle;
  private List<Path> files;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    bundle = Files.createTempDirectory("plinth-audit-bench");
    Files.writeString(bundle.resolve("plugin.toml"), "[plugin]\nid = \"bench_audit\"\nversion = \"1.0.0\"\n");
    Path lib = Files.createDirectories(bundle.resolve("lib"));
    Random random = new Random(42);
    long written = 0;
    for (int jar = 0; written < TARGET_BYTES; jar++) {
      Path file = lib.resolve("lib" + jar + ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
        for (int c = 0; c < CLASSES_PER_JAR; c++) {
          String name = "bench/p" + jar + "/C" + c;
          out.putNextEntry(new JarEntry(name + ".class"));
          out.write(generate(name, random));
        }
      }
      written += Files.size(file);
    }
    Path classes = Files.createDirectories(bundle.resolve("classes/bench/loose"));
    for (int c = 0; c < 200; c++) {
      Files.write(classes.resolve("L" + c + ".class"), generate("bench/loose/L" + c, random));
    }
    try (Stream<Path> walk = Files.walk(bundle)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    FileTrees.deleteRecursively(bundle);
  }

  /** A class whose methods mix ordinary calls, string constants, lambdas-free arithmetic and a few capability calls. */
  private static byte[] generate(String name, Random random) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, name, null, "java/lang/Object", null);
    for (int m = 0; m < METHODS_PER_CLASS; m++) {
      MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m" + m, "()Ljava/lang/String;", null, null);
      mv.visitCode();
      mv.visitLdcInsn(token(random));
      for (int i = 0; i < 12; i++) {
        mv.visitLdcInsn(token(random));
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(Ljava/lang/Object;)Ljava/lang/String;", false);
      }
      if (m == 0 && random.nextBoolean()) {
        // about half the classes refer to java.lang.System, as real code does, so the audit reads their code
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
        mv.visitInsn(Opcodes.POP2);
      }
      if (random.nextInt(50) == 0) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitLdcInsn("k");
        mv.visitLdcInsn("v");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "setProperty",
            "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitInsn(Opcodes.POP);
      }
      mv.visitInsn(Opcodes.ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static String token(Random random) {
    byte[] b = new byte[24];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ('a' + random.nextInt(26));
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Benchmark
  public CapabilityReport audit() {
    return BytecodeAuditor.create().audit(bundle);
  }

  /** A second reference: inflating every jar entry once, the part of the audit no parser can avoid. */
  @Benchmark
  public long inflateEntriesOnce() throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (Path f : files) {
      if (!f.toString().endsWith(".jar")) {
        total += Files.size(f);
        continue;
      }
      try (ZipFile zip = new ZipFile(f.toFile())) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          try (InputStream in = zip.getInputStream(e)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              total += n;
            }
          }
        }
      }
    }
    return total;
  }

  @Benchmark
  public long baselineReadBytesOnce() throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
        }
      }
    }
    return total;
  }
}
