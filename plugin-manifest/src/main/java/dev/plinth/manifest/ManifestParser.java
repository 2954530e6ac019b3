package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads {@code plugin.toml} into a {@link PluginManifest} and validates it, collecting every issue
 * rather than stopping at the first: syntax errors (with line and column), missing and mistyped
 * fields, invalid ids, versions, ranges, names and paths, duplicates, and unknown keys (warnings
 * with a "did you mean" hint). See {@code docs/manifest.md} for the format and
 * {@code docs/error-codes.md} for every code.
 *
 * <pre>{@code
 * ManifestReport report = ManifestParser.parse(bundle.resolve("plugin.toml"));
 * report.issues().forEach(i -> log.warn("{} {}", i.code(), i.message()));
 * PluginManifest manifest = report.orThrow();
 * }</pre>
 *
 * <p>Thread-safe; stateless.
 */
@API(status = STABLE, since = "0.1")
public final class ManifestParser {
  /** The name of the manifest file at a bundle's root. */
  public static final String FILE_NAME = "plugin.toml";

  /** Manifests larger than this are refused unread (a manifest is a few kilobytes). */
  public static final long MAX_BYTES = 1024 * 1024;

  /** Below this many files per thread, another thread costs more than it saves. */
  private static final int PER_HELPER = 16;

  private ManifestParser() {}

  /**
   * Parses and validates a manifest file, or the {@code plugin.toml} inside a folder. A file that
   * cannot be read is reported as a {@code MANIFEST_UNREADABLE} issue, never thrown.
   */
  public static ManifestReport parse(Path file) {
    try {
      return parse(read(file));
    } catch (IOException e) {
      // Checked only now: boot reads hundreds of manifests by file name, and a folder is rare.
      if (Files.isDirectory(file)) {
        return parse(file.resolve(FILE_NAME));
      }
      return unreadable(file, e);
    }
  }

  /**
   * Parses several manifests like {@link #parse(Path)}, on up to one thread per processor (the
   * caller's included), and returns their reports in the order of {@code files}. A host booting many
   * plugins reads their manifests this way; each file is still read and validated on its own.
   */
  public static List<ManifestReport> parseAll(List<Path> files) {
    List<Path> all = List.copyOf(files);
    ManifestReport[] reports = new ManifestReport[all.size()];
    int helpers = Math.min(Runtime.getRuntime().availableProcessors(), all.size() / PER_HELPER) - 1;
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < reports.length; i = next.getAndIncrement()) {
        reports[i] = parse(all.get(i));
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < helpers; i++) {
      Thread t = new Thread(null, work, "plinth-manifest-" + (i + 1), 0, false);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    work.run();
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.of(reports);
  }

  /** The file's text: one open, its size checked before reading, strictly decoded as UTF-8. */
  private static String read(Path file) throws IOException {
    byte[] bytes;
    int n = 0;
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      long size = in.size();
      if (size > MAX_BYTES) {
        throw new TooLarge();
      }
      // Sized to the file (plus one byte to notice growth): a manifest is far smaller than the
      // buffers a general-purpose read would allocate and clear.
      ByteBuffer buf = ByteBuffer.allocate((int) size + 1);
      while (buf.hasRemaining() && in.read(buf) >= 0) {
        if (buf.position() > MAX_BYTES) {
          throw new TooLarge();
        }
        if (!buf.hasRemaining()) {
          ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(MAX_BYTES + 1, buf.capacity() * 2L));
          buf = bigger.put(buf.flip());
        }
      }
      bytes = buf.array();
      n = buf.position();
    }
    for (int i = 0; i < n; i++) {
      if (bytes[i] < 0) {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
      }
    }
    return new String(bytes, 0, n, StandardCharsets.US_ASCII);
  }

  private static ManifestReport unreadable(Path file, IOException e) {
    if (e instanceof TooLarge) {
      return unreadable(file, "is larger than " + MAX_BYTES + " bytes",
          "Keep plugin.toml small; move data into the bundle's own files.");
    }
    if (e instanceof CharacterCodingException) {
      return unreadable(file, "is not valid UTF-8", "Save plugin.toml as UTF-8.");
    }
    return unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")",
        "Check that the file exists and is readable.");
  }

  /** Thrown by {@link #read} for a file over {@link #MAX_BYTES}; never leaves this class. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("larger than " + MAX_BYTES + " bytes");
    }
  }

  private static ManifestReport syntaxErrors(String toml, List<TomlParseError> errors) {
    List<ManifestIssue> issues = new ArrayList<>();
    String[] lines = toml.split("\r?\n", -1);
    for (TomlParseError e : errors) {
      int line = e.position().line();
      String text = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
      issues.add(new ManifestIssue(ManifestCode.TOML_SYNTAX.code(), ManifestCode.TOML_SYNTAX.severity(), "",
          text, "plugin.toml has a TOML syntax error at line " + line + ", column "
              + e.position().column() + " (" + e.getMessage() + "): " + text,
          "Fix the TOML syntax at line " + line + " (quote strings, one key per line, no repeated keys)."));
    }
    return new ManifestReport(null, issues);
  }

  /** Parses and validates manifest text. */
  public static ManifestReport parse(String toml) {
    TomlParseResult result;
    try {
      result = Toml.parse(toml);
    } catch (TomlParseError e) {
      // tomlj throws, rather than collects, some errors: a bad escape inside a quoted key
      return syntaxErrors(toml, List.of(e));
    } catch (AssertionError e) {
      // tomlj asserts on some malformed escapes (a unicode escape followed by non-hex) when the JVM runs with -ea;
      // without -ea it reports the same text as a syntax error.
      return new ManifestReport(null, List.of(new ManifestIssue(ManifestCode.TOML_SYNTAX.code(),
          ManifestCode.TOML_SYNTAX.severity(), "", "", "plugin.toml has a TOML syntax error: a malformed escape sequence",
          "Fix the string escapes of plugin.toml (\\uXXXX takes four hex digits).")));
    }
    if (result.hasErrors()) {
      return syntaxErrors(toml, result.errors());
    }
    return ManifestValidator.validate(result);
  }

  private static ManifestReport unreadable(Path file, String rule, String nextStep) {
    return new ManifestReport(null, List.of(Issues.issue(ManifestCode.MANIFEST_UNREADABLE, "",
        file.toString(), "plugin.toml " + rule, nextStep)));
  }
}
