package dev.plinth.installer.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.TestArchives.Tar;
import dev.plinth.installer.TestArchives.Zip;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeExtractorTest {
  @TempDir Path temp;

  private final SafeExtractor extractor = SafeExtractor.of(ExtractionLimits.DEFAULTS);

  @Test
  void extract_benignTarGz_writesFilesWithDigestsAndFixedModes() throws Exception {
    Path archive = TestArchives.write(temp.resolve("b.tar.gz"), TestArchives.bundleTarGz("acme_tool", "1.0.0"));

    ExtractionResult r = extractor.extract(archive, ArchiveFormat.TAR_GZ, temp.resolve("out"));

    assertThat(r.fileDigests()).containsOnlyKeys(
        "acme_tool/plugin.toml", "acme_tool/lib/readme.txt", "acme_tool/bin/run.sh");
    assertThat(r.fileDigests().get("acme_tool/lib/readme.txt")).isEqualTo(sha256("hello acme_tool"));
    assertThat(mode(r.root().resolve("acme_tool/bin/run.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(r.root().resolve("acme_tool/lib/readme.txt"))).isEqualTo("rw-r--r--");
    assertThat(mode(r.root().resolve("acme_tool/lib"))).isEqualTo("rwxr-xr-x");
    assertThat(r.entries()).isEqualTo(4);
    BundleLayout layout = BundleLayout.locate(r);
    assertThat(layout.bundleRoot()).isEqualTo(r.root().resolve("acme_tool"));
    assertThat(layout.fileDigests()).containsOnlyKeys("plugin.toml", "lib/readme.txt", "bin/run.sh");
  }

  @Test
  void extract_setuidAndSetgidBits_strippedNotRejected() throws Exception {
    byte[] tar = new Tar(false).file("plugin.toml", "x", 06755).file("data.bin", "y", 02644).bytes();
    Path archive = TestArchives.write(temp.resolve("s.tar"), tar);

    ExtractionResult r = extractor.extract(archive, ArchiveFormat.TAR, temp.resolve("out"));

    assertThat(mode(r.root().resolve("plugin.toml"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(r.root().resolve("data.bin"))).isEqualTo("rw-r--r--");
  }

  @Test
  void extract_leadingDotSlashNames_accepted() throws Exception {
    byte[] tar = new Tar(true).dir("./").file("./plugin.toml", "x", 0644).bytes();
    Path archive = TestArchives.write(temp.resolve("d.tgz"), tar);

    ExtractionResult r = extractor.extract(archive, ArchiveFormat.TAR_GZ, temp.resolve("out"));

    assertThat(r.fileDigests()).containsOnlyKeys("plugin.toml");
  }

  @Test
  void extract_ratioBomb_limitExceededAndNothingLeft() throws Exception {
    byte[] tar = new Tar(true).file("zeros.bin", new byte[8 << 20], 0644).bytes();
    Path archive = TestArchives.write(temp.resolve("bomb.tar.gz"), tar);
    Path dest = temp.resolve("out");

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.TAR_GZ, dest));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_LIMIT_EXCEEDED);
    assertThat(e.details()).containsEntry("field", "maxRatio").containsEntry("entry", "zeros.bin");
    assertThat(dest).doesNotExist();
  }

  @Test
  void extract_zipRatioBomb_limitExceeded() throws Exception {
    byte[] zip = new Zip().file("zeros.bin", new byte[8 << 20], 0).bytes();
    Path archive = TestArchives.write(temp.resolve("bomb.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_LIMIT_EXCEEDED);
    assertThat(e.details()).containsEntry("field", "maxRatio");
  }

  @Test
  void extract_entryCountBomb_limitExceeded() throws Exception {
    Tar tar = new Tar(true);
    for (int i = 0; i < 60; i++) {
      tar.file("f" + i, "", 0644);
    }
    Path archive = TestArchives.write(temp.resolve("many.tgz"), tar.bytes());
    Path dest = temp.resolve("out");

    InstallException e = fail(() -> SafeExtractor.of(ExtractionLimits.DEFAULTS.withMaxEntries(50))
        .extract(archive, ArchiveFormat.TAR_GZ, dest));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_LIMIT_EXCEEDED);
    assertThat(e.details()).containsEntry("field", "maxEntries").containsEntry("actual", 51L).containsEntry("entry", "f50");
    assertThat(dest).doesNotExist();
  }

  @Test
  void extract_entryAndTotalSizeCaps_limitExceeded() throws Exception {
    byte[] tar = new Tar(false).file("a", TestArchives.randomBytes(3000, 1), 0644)
        .file("b", TestArchives.randomBytes(3000, 2), 0644).bytes();
    Path archive = TestArchives.write(temp.resolve("big.tar"), tar);

    InstallException perEntry = fail(() -> SafeExtractor.of(ExtractionLimits.DEFAULTS.withMaxEntryBytes(2000))
        .extract(archive, ArchiveFormat.TAR, temp.resolve("o1")));
    InstallException total = fail(() -> SafeExtractor.of(ExtractionLimits.DEFAULTS.withMaxTotalBytes(5000))
        .extract(archive, ArchiveFormat.TAR, temp.resolve("o2")));

    assertThat(perEntry.details()).containsEntry("field", "maxEntryBytes").containsEntry("entry", "a");
    assertThat(total.details()).containsEntry("field", "maxTotalBytes").containsEntry("entry", "b");
  }

  @Test
  void extract_devicesAndFifo_rejected() throws Exception {
    assertReason(new Tar(false).file("ok", "x", 0644).special("dev/null", TarConstants.LF_CHR, "").bytes(), "device");
    assertReason(new Tar(false).special("disk", TarConstants.LF_BLK, "").bytes(), "device");
    assertReason(new Tar(true).special("pipe", TarConstants.LF_FIFO, "").bytes(), "fifo");
  }

  @Test
  void extract_linksInGeneratedTar_rejectedEvenWhenRelative() throws Exception {
    assertReason(new Tar(false).file("a", "x", 0644).special("b", TarConstants.LF_SYMLINK, "a").bytes(), "symlink");
    assertReason(new Tar(false).file("a", "x", 0644).special("b", TarConstants.LF_LINK, "a").bytes(), "hardlink");
  }

  @Test
  void extract_overLongName_rejected() throws Exception {
    String longName = "d/".repeat(2100) + "f";
    InstallException e = assertReason(new Tar(true).file(longName, "x", 0644).bytes(), "name-too-long");
    assertThat(e.details().get("entry").toString()).endsWith("...");
  }

  @Test
  void extract_overLongComponent_rejected() throws Exception {
    assertReason(new Tar(false).file("a".repeat(300), "x", 0644).bytes(), "name-too-long");
  }

  @Test
  void extract_nulInZipName_rejected() throws Exception {
    byte[] zip = new Zip().file("plugin.toml\u0000.txt", "x").bytes();
    Path archive = TestArchives.write(temp.resolve("nul.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.details()).containsEntry("reason", "control-character").containsEntry("entry", "plugin.toml\\u0000.txt");
  }

  @Test
  void extract_duplicateZipEntries_rejected() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "a").file("plugin.toml", "b").bytes();
    Path archive = TestArchives.write(temp.resolve("dup.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.details()).containsEntry("reason", "duplicate").containsEntry("entry", "plugin.toml");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void extract_zipLocalHeaderNamesAnotherPath_rejectedAndNothingLeft() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "[plugin]\n").file("aa/evil.txt", "x").bytes();
    // Same length, so only the local header's copy of the name changes: a streaming extractor
    // would write ../evil.txt while the central directory (what is checked) says aa/evil.txt.
    patchLocalName(zip, "aa/evil.txt", "../evil.txt");
    Path archive = TestArchives.write(temp.resolve("mismatch.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_ENTRY_UNSAFE);
    assertThat(e.details()).containsEntry("reason", "name-mismatch").containsEntry("entry", "aa/evil.txt")
        .containsEntry("detail", "local header: ../evil.txt");
    assertThat(e.getMessage()).contains("aa/evil.txt").contains("../evil.txt");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void extract_zipWithMatchingNames_passesTheHeaderCheck() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "[plugin]\n").file("lib/a.txt", "x").bytes();
    Path archive = TestArchives.write(temp.resolve("ok.zip"), zip);

    extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out"));

    assertThat(temp.resolve("out/lib/a.txt")).hasContent("x");
  }

  @Test
  void extract_zipSpecialFilesByUnixMode_rejected() throws Exception {
    assertZipReason(new Zip().file("plugin.toml", "[plugin]\n").file("pipe", new byte[0], 0010644).bytes(), "fifo", "pipe");
    assertZipReason(new Zip().file("tty", new byte[0], 0020620).bytes(), "device", "tty");
    assertZipReason(new Zip().file("disk", new byte[0], 0060660).bytes(), "device", "disk");
    InstallException socket = assertZipReason(new Zip().file("sock", new byte[0], 0140755).bytes(),
        "unsupported-type", "sock");
    assertThat(socket.details()).containsEntry("detail", "unix mode 140755");
  }

  @Test
  void extract_zipEntriesSharingBytes_rejectedAsOverlap() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "[plugin]\nid = \"a\"\n").file("lib/a.txt", "x".repeat(200)).bytes();
    // The first entry claims more compressed bytes than it has: its data then runs over the second
    // entry's header, as in the overlapping-file zip bomb, where many entries inflate the same bytes.
    int size = centralInt(zip, "plugin.toml", 20);
    putCentralInt(zip, "plugin.toml", 20, size + 60);
    Path archive = TestArchives.write(temp.resolve("overlap.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_INVALID);
    assertThat(e.details()).containsEntry("archive", "overlap.zip").containsEntry("problem", "zip entries overlap");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void extract_zipCentralDirectoryPointsAtNoLocalHeader_archiveInvalid() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "[plugin]\n").file("lib/a.txt", "abc").bytes();
    int offset = centralInt(zip, "lib/a.txt", 42);
    putCentralInt(zip, "lib/a.txt", 42, offset + 2);
    Path archive = TestArchives.write(temp.resolve("nolocal.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_INVALID);
    // commons-compress finds it while opening the zip; the extractor's own header check is the
    // second line, for readers that resolve local headers lazily.
    assertThat(e.details()).containsEntry("archive", "nolocal.zip");
    assertThat(e.details().get("problem").toString()).containsAnyOf("nolocal.zip", "no local header at offset");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void extract_zipEntryWithUnsupportedMethod_archiveInvalidNamingEntry() throws Exception {
    byte[] zip = new Zip().file("plugin.toml", "[plugin]\n").file("lib/a.txt", "abc").bytes();
    putCentralShort(zip, "lib/a.txt", 10, 14); // LZMA: not readable here
    Path archive = TestArchives.write(temp.resolve("lzma.zip"), zip);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_INVALID);
    assertThat(e.details()).containsEntry("problem",
        "entry lib/a.txt uses an unsupported compression method or encryption");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  private InstallException assertZipReason(byte[] zip, String reason, String entry) throws Exception {
    Path archive = TestArchives.write(Files.createTempFile(temp, "gen", ".zip"), zip);
    Path dest = temp.resolve("out-" + archive.getFileName());
    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.ZIP, dest));
    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_ENTRY_UNSAFE);
    assertThat(e.details()).containsEntry("reason", reason).containsEntry("entry", entry);
    assertThat(dest).doesNotExist();
    return e;
  }

  /** The offset of the central directory record of {@code name}. */
  private static int centralRecord(byte[] zip, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02
          && le(zip, i + 28, 2) == n.length
          && java.util.Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
        return i;
      }
    }
    throw new AssertionError("no central directory record for " + name);
  }

  private static int le(byte[] b, int at, int bytes) {
    int v = 0;
    for (int k = bytes - 1; k >= 0; k--) {
      v = (v << 8) | (b[at + k] & 0xff);
    }
    return v;
  }

  private static int centralInt(byte[] zip, String name, int field) {
    return le(zip, centralRecord(zip, name) + field, 4);
  }

  private static void putCentralInt(byte[] zip, String name, int field, int value) {
    int at = centralRecord(zip, name) + field;
    for (int k = 0; k < 4; k++) {
      zip[at + k] = (byte) (value >>> (8 * k));
    }
  }

  private static void putCentralShort(byte[] zip, String name, int field, int value) {
    int at = centralRecord(zip, name) + field;
    zip[at] = (byte) value;
    zip[at + 1] = (byte) (value >>> 8);
  }

  /** Rewrites the first local file header's copy of {@code from} (same length) to {@code to}. */
  private static void patchLocalName(byte[] zip, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertThat(t).hasSameSizeAs(f);
    for (int i = 0; i + 30 + f.length <= zip.length; i++) {
      boolean header = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x03 && zip[i + 3] == 0x04;
      if (header && java.util.Arrays.equals(zip, i + 30, i + 30 + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, zip, i + 30, t.length);
        return;
      }
    }
    throw new AssertionError("no local header named " + from);
  }

  @Test
  void extract_duplicateTarEntries_rejected() throws Exception {
    assertReason(new Tar(false).file("a/x", "1", 0644).file("a/x", "2", 0644).bytes(), "duplicate");
  }

  @Test
  void extract_caseAndNfkcCollisions_rejected() throws Exception {
    InstallException c = assertReason(new Tar(false).file("Plugin.toml", "1", 0644).file("plugin.toml", "2", 0644).bytes(), "collision");
    assertThat(c.details()).containsEntry("detail", "with Plugin.toml");
    assertReason(new Tar(false).file("\uFB01le/a", "1", 0644).file("file/b", "2", 0644).bytes(), "collision");
  }

  @Test
  void extract_fileThenFolderOfSameName_rejected() throws Exception {
    assertReason(new Tar(false).file("a", "1", 0644).file("a/b", "2", 0644).bytes(), "parent-not-directory");
  }

  @Test
  void extract_unsafeEntryAfterReadonlyFile_rollbackDeletesEverything() throws Exception {
    byte[] tar = new Tar(true).file("ro/readonly.txt", "keep?", 0444).dir("ro/")
        .file("../escape.txt", "x", 0644).bytes();
    Path archive = TestArchives.write(temp.resolve("ro.tgz"), tar);
    Path dest = temp.resolve("out");

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.TAR_GZ, dest));

    assertThat(e.details()).containsEntry("reason", "path-traversal");
    assertThat(dest).doesNotExist();
    assertThat(temp.resolve("escape.txt")).doesNotExist();
  }

  @Test
  void deleteRecursively_readonlyFilesInReadonlyFolders_deleted() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("t/inner"));
    Files.writeString(dir.resolve("f.txt"), "x");
    Files.setPosixFilePermissions(dir.resolve("f.txt"), PosixFilePermissions.fromString("r--r--r--"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));

    FileTrees.deleteRecursively(temp.resolve("t"));

    assertThat(temp.resolve("t")).doesNotExist();
  }

  @Test
  void extract_truncatedGzip_archiveInvalid() throws Exception {
    byte[] full = TestArchives.bundleTarGz("acme_tool", "1.0.0");
    byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
    Path archive = TestArchives.write(temp.resolve("cut.tar.gz"), cut);

    InstallException e = fail(() -> extractor.extract(archive, ArchiveFormat.TAR_GZ, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_INVALID);
    assertThat(e.details()).containsEntry("archive", "cut.tar.gz");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void extract_jarWithManifest_stagedAsManifestPlusLib() throws Exception {
    Path jar = temp.resolve("acme_tool-1.0.0.jar");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("plugin.toml"));
      zip.write(TestArchives.manifest("acme_tool", "1.0.0").getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("com/acme/Tool.class"));
      zip.write(new byte[] {1, 2, 3});
    }
    TestArchives.write(jar, bytes.toByteArray());

    ExtractionResult r = extractor.extract(jar, ArchiveFormat.JAR, temp.resolve("out"));

    assertThat(r.fileDigests()).containsOnlyKeys("plugin.toml", "lib/acme_tool-1.0.0.jar");
    assertThat(Files.readAllBytes(r.root().resolve("lib/acme_tool-1.0.0.jar"))).isEqualTo(bytes.toByteArray());
    HostClassCheck.check(BundleLayout.locate(r), java.util.List.of("com.example.host.spi"));
  }

  @Test
  void extract_jarWithoutManifest_layoutInvalid() throws Exception {
    byte[] zip = new Zip().file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").bytes();
    Path jar = TestArchives.write(temp.resolve("x.jar"), zip);

    InstallException e = fail(() -> extractor.extract(jar, ArchiveFormat.JAR, temp.resolve("out")));

    assertThat(e.code()).isEqualTo(InstallErrorCode.BUNDLE_LAYOUT_INVALID);
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void hostClassCheck_bundledPlinthApiOrHostPackage_rejected() throws Exception {
    byte[] inner = new Zip().file("dev/plinth/api/hook/HookPoint.class", "x").bytes();
    byte[] tar = new Tar(false).file("plugin.toml", "x", 0644).file("lib/api.jar", inner, 0644).bytes();
    ExtractionResult r = extractor.extract(TestArchives.write(temp.resolve("h.tar"), tar), ArchiveFormat.TAR, temp.resolve("o1"));
    byte[] tar2 = new Tar(false).file("plugin.toml", "x", 0644).file("classes/com/example/host/spi/Tool.class", "x", 0644).bytes();
    ExtractionResult r2 = extractor.extract(TestArchives.write(temp.resolve("h2.tar"), tar2), ArchiveFormat.TAR, temp.resolve("o2"));

    InstallException api = fail(() -> HostClassCheck.check(BundleLayout.locate(r), java.util.List.of()));
    InstallException host = fail(() -> HostClassCheck.check(BundleLayout.locate(r2), java.util.List.of("com.example.host.spi")));

    assertThat(api.code()).isEqualTo(InstallErrorCode.EXTRACT_HOST_CLASSES_REFUSED);
    assertThat(api.details()).containsEntry("package", "dev.plinth.api").containsEntry("file", "lib/api.jar");
    assertThat(host.details()).containsEntry("package", "com.example.host.spi");
  }

  @Test
  void hostClassCheck_jarClassPathLeavingBundle_rejected_insideAccepted() throws Exception {
    byte[] escaping = new Zip().file("META-INF/MANIFEST.MF",
        "Manifest-Version: 1.0\r\nClass-Path: util.jar ../../../other/lib/x.jar\r\n\r\n").bytes();
    byte[] inside = new Zip().file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nclass-path: util.jar\r\n\r\n")
        .file("com/acme/A.class", "x").bytes();
    byte[] tar = new Tar(false).file("plugin.toml", "x", 0644).file("lib/app.jar", escaping, 0644).bytes();
    byte[] tar2 = new Tar(false).file("plugin.toml", "x", 0644).file("lib/app.jar", inside, 0644).bytes();
    ExtractionResult r = extractor.extract(TestArchives.write(temp.resolve("cp.tar"), tar), ArchiveFormat.TAR, temp.resolve("o1"));
    ExtractionResult r2 = extractor.extract(TestArchives.write(temp.resolve("cp2.tar"), tar2), ArchiveFormat.TAR, temp.resolve("o2"));

    InstallException e = fail(() -> HostClassCheck.check(BundleLayout.locate(r), java.util.List.of()));

    assertThat(e.code()).isEqualTo(InstallErrorCode.EXTRACT_CLASS_PATH_OUTSIDE);
    assertThat(e.phase()).isEqualTo(dev.plinth.installer.Phase.EXTRACT);
    assertThat(e.details()).containsEntry("file", "lib/app.jar").containsEntry("value", "../../../other/lib/x.jar");
    assertThat(e.getMessage()).contains("lib/app.jar", "../../../other/lib/x.jar");
    HostClassCheck.check(BundleLayout.locate(r2), java.util.List.of());
  }

  @Test
  void hostClassCheck_jarManifestThatInflatesWithoutEnd_isRefusedAfterItsBound() throws Exception {
    // 8 MiB of one header line deflate to about 8 KB: a reader without a bound takes it all in.
    StringBuilder header = new StringBuilder("Manifest-Version: 1.0\r\nX-Filler: ");
    String manifest = header + "a".repeat(8 << 20);
    byte[] bomb = new Zip().file("META-INF/MANIFEST.MF", manifest).bytes();
    byte[] tar = new Tar(false).file("plugin.toml", "x", 0644).file("lib/app.jar", bomb, 0644).bytes();
    ExtractionResult r = extractor.extract(TestArchives.write(temp.resolve("bomb.tar"), tar), ArchiveFormat.TAR, temp.resolve("o1"));

    InstallException e = fail(() -> HostClassCheck.check(BundleLayout.locate(r), java.util.List.of()));

    assertThat(e.getMessage()).contains("lib/app.jar", "main section is longer than");
  }

  @Test
  void hostClassCheck_jarIndexNamingJarOutsideBundle_rejected() throws Exception {
    byte[] indexed = new Zip().file("META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n\napp.jar\ncom/acme\n\n"
        + "../../elsewhere/x.jar\ncom/x\n\n").bytes();
    byte[] tar = new Tar(false).file("plugin.toml", "x", 0644).file("lib/app.jar", indexed, 0644).bytes();
    ExtractionResult r = extractor.extract(TestArchives.write(temp.resolve("ix.tar"), tar), ArchiveFormat.TAR, temp.resolve("o1"));

    InstallException e = fail(() -> HostClassCheck.check(BundleLayout.locate(r), java.util.List.of()));

    assertThat(e.code()).isEqualTo(InstallErrorCode.EXTRACT_CLASS_PATH_OUTSIDE);
    assertThat(e.details()).containsEntry("field", "META-INF/INDEX.LIST").containsEntry("value", "../../elsewhere/x.jar");
  }

  @Test
  void locate_twoTopLevelFolders_layoutInvalid() throws Exception {
    byte[] tar = new Tar(false).file("a/plugin.toml", "x", 0644).file("b/plugin.toml", "y", 0644).bytes();
    ExtractionResult r = extractor.extract(TestArchives.write(temp.resolve("two.tar"), tar), ArchiveFormat.TAR, temp.resolve("o"));

    InstallException e = fail(() -> BundleLayout.locate(r));

    assertThat(e.code()).isEqualTo(InstallErrorCode.BUNDLE_LAYOUT_INVALID);
    assertThat(e.details()).containsEntry("topLevel", java.util.List.of("a", "b"));
  }

  @Test
  void copyFolder_symlinkInside_rejectedAndNothingLeft() throws Exception {
    Path src = Files.createDirectories(temp.resolve("src"));
    Files.writeString(src.resolve("plugin.toml"), "x");
    Files.createSymbolicLink(src.resolve("passwd"), Path.of("/etc/passwd"));
    Path dest = temp.resolve("out");

    InstallException e = fail(() -> extractor.copyFolder(src, dest));

    assertThat(e.details()).containsEntry("reason", "symlink").containsEntry("entry", "passwd");
    assertThat(dest).doesNotExist();
  }

  @Test
  void copyFolder_plainFolder_copiedWithDigests() throws Exception {
    Path src = Files.createDirectories(temp.resolve("src/lib"));
    Files.writeString(src.getParent().resolve("plugin.toml"), "x");
    Files.writeString(src.resolve("a.txt"), "hello");

    ExtractionResult r = extractor.copyFolder(src.getParent(), temp.resolve("out"));

    assertThat(r.fileDigests()).containsEntry("lib/a.txt", sha256("hello")).containsOnlyKeys("plugin.toml", "lib/a.txt");
  }

  private InstallException assertReason(byte[] tar, String reason) throws Exception {
    boolean gz = tar.length > 2 && (tar[0] & 0xff) == 0x1f && (tar[1] & 0xff) == 0x8b;
    Path archive = TestArchives.write(Files.createTempFile(temp, "gen", gz ? ".tar.gz" : ".tar"), tar);
    Path dest = temp.resolve("out-" + archive.getFileName());
    InstallException e = fail(() -> extractor.extract(archive, gz ? ArchiveFormat.TAR_GZ : ArchiveFormat.TAR, dest));
    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_ENTRY_UNSAFE);
    assertThat(e.details()).containsEntry("reason", reason);
    assertThat(dest).doesNotExist();
    return e;
  }

  static InstallException fail(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    InstallException e = catchThrowableOfType(InstallException.class, call);
    assertThat(e).as("expected an InstallException").isNotNull();
    return e;
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
