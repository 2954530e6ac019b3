package dev.plinth.installer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small real file system for fault tests: a tmpfs mounted on a test folder, which the test can
 * fill to the last byte or remount read-only. Mounting needs root (or CAP_SYS_ADMIN); where the
 * test may not mount, it is skipped with an assumption that says so, never passed silently.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code sizeKib} KiB on {@code dir} (created), or aborts the test saying why. */
  public static Tmpfs mount(Path dir, int sizeKib) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String out = run("mount", "-t", "tmpfs", "-o", "size=" + sizeKib + "k,mode=0755", "tmpfs", dir.toString());
    Assumptions.assumeTrue(out == null,
        "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN), so the full-disk and read-only tests did not run: " + out);
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Remounts read-only (or read-write again). */
  public void readOnly(boolean ro) throws IOException, InterruptedException {
    String out = run("mount", "-o", "remount," + (ro ? "ro" : "rw"), dir.toString());
    if (out != null) {
      throw new IOException("remount failed: " + out);
    }
  }

  /** Free bytes left on the file system. */
  public long free() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  /**
   * Writes {@code file} until the file system is full, leaving {@code leave} bytes free (rounded
   * to the file system's blocks). Returns the file; delete it to free the space again.
   */
  public Path fill(Path file, long leave) throws IOException {
    byte[] chunk = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (free() > leave) {
        out.write(chunk, 0, (int) Math.min(chunk.length, free() - leave));
        out.flush();
      }
    } catch (IOException e) {
      if (free() > leave + chunk.length) {
        throw e;
      }
    }
    return file;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String out = run("umount", "-l", dir.toString());
    if (out != null) {
      throw new IOException("umount failed: " + out);
    }
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out: " + String.join(" ", cmd);
    }
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + text;
  }
}
