package dev.plinth.testkit.bundle;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in strings to class files held in memory, against the test's own
 * classpath ({@code java.class.path}) plus extra jars, with {@code --release 17}. Stateless.
 */
final class InMemoryCompiler {
  private InMemoryCompiler() {}

  /**
   * Compiles the sources.
   *
   * @param sources fully qualified class name to source text
   * @param extraClasspath jars or folders added after the test's classpath
   * @return class file path ({@code com/x/Foo.class}, nested classes included) to bytes, sorted
   */
  static Map<String, byte[]> compile(Map<String, String> sources, List<Path> extraClasspath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new TestkitException(TestkitErrorCode.SOURCE_COMPILE_FAILED,
          "java compiler unavailable: " + System.getProperty("java.home"),
          "Run the tests on a JDK, not a JRE.");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> out = new TreeMap<>();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new Source(name, text)));
    List<String> options =
        List.of("--release", "17", "-proc:none", "-classpath", classpath(extraClasspath));
    try (StandardJavaFileManager standard =
            javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        JavaFileManager files = new MemoryFileManager(standard, out)) {
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      if (!ok) {
        throw new TestkitException(TestkitErrorCode.SOURCE_COMPILE_FAILED,
            "sources do not compile: " + describe(diagnostics), 
            "Fix the Java source given to the builder; the classpath is the test's plus "
                + "compileClasspath(...) and library(...) jars.");
      }
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.SOURCE_COMPILE_FAILED,
          "sources do not compile: " + e.getMessage(), "Check the extra classpath entries.", e);
    }
    Map<String, byte[]> classes = new TreeMap<>();
    out.forEach((binaryName, bytes) ->
        classes.put(binaryName.replace('.', '/') + ".class", bytes.toByteArray()));
    return classes;
  }

  private static String classpath(List<Path> extra) {
    Set<String> entries = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(e);
      }
    }
    extra.forEach(p -> entries.add(p.toAbsolutePath().toString()));
    return String.join(File.pathSeparator, entries);
  }

  private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber()
            + ": ") + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("; "));
  }

  /** A source file held in a string. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** Sends class output to memory; reads everything else through the standard manager. */
  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, ByteArrayOutputStream> out;

    MemoryFileManager(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> out) {
      super(standard);
      this.out = out;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          out.put(className, buffer);
          return buffer;
        }
      };
    }
  }
}
