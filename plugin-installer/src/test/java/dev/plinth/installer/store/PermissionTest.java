package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home of the wrong owner, a metadata file this user may not read, and a file nobody may
 * change: each is a typed {@code STORE_NOT_WRITABLE} error naming the path, never a stack trace.
 * The first two run a real child JVM as user {@code nobody} (through {@code setpriv}) against a
 * home owned by root, so they need root, as CI has; elsewhere they are skipped saying why.
 */
class PermissionTest {
  @TempDir Path tmp;
  StoreFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new StoreFixture(tmp);
    fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
  }

  private static boolean run(String... cmd) throws Exception {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The child's class path copied where user nobody can read it (the Maven repository under /root is private). */
  private String readableClassPath() throws IOException {
    Path cp = Files.createDirectories(tmp.resolve("cp"));
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String entry : ChildJvm.childClassPath().split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = cp.resolve(i++ + (Files.isDirectory(from) ? "" : ".jar"));
      try (Stream<Path> all = Files.walk(from)) {
        for (Path p : all.toList()) {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
      }
      out.add(to.toString());
    }
    openUp(cp);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    return String.join(File.pathSeparator, out);
  }

  /** Lets others read every file and enter every folder under {@code root}. */
  private static void openUp(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
  }

  private String asNobody(String action) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && run("setpriv", "--version"),
        "needs root and setpriv to run a child as user nobody; the permission tests did not run here");
    String classPath = readableClassPath();
    Path log = tmp.resolve("child.log");
    ChildJvm child = ChildJvm.start(log, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
        classPath, "open", fx.home.toString(), action);
    String line = child.awaitLine("");
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.exists(log) ? Files.readString(log) : "";
    assertThat(err).as("the child's standard error").doesNotContain("Exception").doesNotContain("\tat ");
    return String.valueOf(line);
  }

  @Test
  void open_homeOwnedByAnotherUser_failsWithNotWritableNamingIt() throws Exception {
    String line = asNobody("enable");

    assertThat(line).startsWith("error " + InstallErrorCode.STORE_NOT_WRITABLE.code()).contains(fx.home.toString());
    assertThat(line).contains("next step: Make ");
  }

  @Test
  void list_stateFileThisUserMayNotRead_failsWithNotWritableNamingTheFile() throws Exception {
    UserPrincipal nobody = fx.home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try (Stream<Path> all = Files.walk(fx.home)) {
      for (Path p : all.toList()) {
        Files.setOwner(p, nobody);
      }
    }
    Path state = fx.home.resolve("state.json");
    Files.setOwner(state, tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));

    String line = asNobody("list");

    assertThat(line).startsWith("error " + InstallErrorCode.STORE_NOT_WRITABLE.code()).contains("state.json");
  }

  @Test
  void updateState_immutableStateFile_failsWithNotWritableAndChangesNothing() throws Exception {
    Path state = fx.home.resolve("state.json");
    byte[] before = Files.readAllBytes(state);
    Assumptions.assumeTrue(run("chattr", "+i", state.toString()), "chattr +i is not available on this file system");
    try {
      PluginStore store = fx.open(PointerStyle.SYMLINK);

      InstallException e = catchThrowableOfType(InstallException.class,
          () -> store.updateState("alpha", s -> s.withEnabled(true)));

      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(InstallErrorCode.STORE_NOT_WRITABLE);
      assertThat(Files.readAllBytes(state)).isEqualTo(before);
      try (Stream<Path> all = Files.list(fx.home)) {
        assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(AtomicFiles.TEMP_MARKER));
      }
    } finally {
      run("chattr", "-i", state.toString());
    }
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }
}
