package dev.plinth.installer.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StoreChildMain} in a fresh JVM on the test classpath. */
final class ChildJvm {
  final Process process;
  final BufferedReader out;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Path logFile, String... args) {
    return start(logFile, List.of(), childClassPath(), args);
  }

  /**
   * Starts the child behind {@code prefix} (for example {@code setpriv --reuid=...} to run it as
   * another user) on {@code classPath}.
   */
  static ChildJvm start(Path logFile, List<String> prefix, String classPath, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx96m",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", classPath,
        StoreChildMain.class.getName()));
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      return new ChildJvm(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test class path without the large libraries a store child never loads (faster start-up). */
  static String childClassPath() {
    List<String> keep = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!UNUSED.matcher(entry).find()) {
        keep.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, keep);
  }

  private static final java.util.regex.Pattern UNUSED = java.util.regex.Pattern.compile(
      "wiremock|bouncycastle|okhttp|okio|kotlin|sigstore|junit|assertj|archunit|byte-buddy|commons-compress"
          + "|grpc|protobuf|guava|opentest4j|surefire");

  /** Sends one line to the child's standard input. */
  void send(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Reads lines until one equals or starts with {@code prefix}; null at end of stream. */
  String awaitLine(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }
}
