package dev.plinth.installer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.extract.ArchiveFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceSpecTest {
  @TempDir Path temp;

  @Test
  void parse_remoteForms_typedSpecs() {
    assertThat(SourceSpec.parse("github:acme/plugin-x@v1.2.0"))
        .isEqualTo(new SourceSpec.GitHub("github:acme/plugin-x@v1.2.0", "acme", "plugin-x", "v1.2.0"));
    assertThat(SourceSpec.parse("github:acme/x")).isEqualTo(new SourceSpec.GitHub("github:acme/x", "acme", "x", null));
    assertThat(SourceSpec.parse("github:acme/x@latest")).isEqualTo(new SourceSpec.GitHub("github:acme/x@latest", "acme", "x", null));
    assertThat(SourceSpec.parse("maven:com.acme:redactor:1.2.0:linux"))
        .isEqualTo(new SourceSpec.Maven("maven:com.acme:redactor:1.2.0:linux", "com.acme", "redactor", "1.2.0", "linux"));
    assertThat(SourceSpec.parse("catalog:acme_redactor@>=1.0.0 <2.0.0"))
        .isEqualTo(new SourceSpec.Catalog("catalog:acme_redactor@>=1.0.0 <2.0.0", "acme_redactor", ">=1.0.0 <2.0.0"));
    String hex = "ab".repeat(32);
    assertThat(SourceSpec.parse("https://cdn.example.com/p/acme-1.0.0.tgz#sha256=" + hex.toUpperCase()))
        .isEqualTo(new SourceSpec.Url("https://cdn.example.com/p/acme-1.0.0.tgz#sha256=" + hex.toUpperCase(),
            "https://cdn.example.com/p/acme-1.0.0.tgz", ArchiveFormat.TAR_GZ, hex));
    assertThat(SourceSpec.parse("http://127.0.0.1:8080/a.zip")).isInstanceOf(SourceSpec.Url.class);
  }

  @Test
  void parse_urlWithQueryParameters_keptWholeWithoutFragment() {
    String hex = "cd".repeat(32);
    String url = "https://bucket.example.com/p/acme-1.0.0.tar.gz?X-Amz-Expires=300&X-Amz-Signature=abc%2Bdef";

    SourceSpec.Url spec = (SourceSpec.Url) SourceSpec.parse(url + "#sha256=" + hex);

    assertThat(spec.url()).isEqualTo(url);
    assertThat(spec.format()).isEqualTo(ArchiveFormat.TAR_GZ);
    assertThat(spec.sha256()).isEqualTo(hex);
  }

  @Test
  void parse_localFolderAndArchives_typedSpecs() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("bundle"));
    Path tgz = Files.writeString(temp.resolve("b.tgz"), "x");
    Path jar = Files.writeString(temp.resolve("b.jar"), "x");

    assertThat(SourceSpec.parse(dir.toString())).isEqualTo(new SourceSpec.LocalFolder(dir.toString(), dir));
    assertThat(SourceSpec.parse(tgz.toString())).isEqualTo(new SourceSpec.LocalArchive(tgz.toString(), tgz, ArchiveFormat.TAR_GZ));
    assertThat(((SourceSpec.LocalArchive) SourceSpec.parse(jar.toString())).format()).isEqualTo(ArchiveFormat.JAR);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "github:acme/x;rm                   | github.repo",
    "github:acme/x;rm -rf /             | github",
    "github:ac me/x                     | github.owner",
    "github:acme/x@v1.0.0$(id)          | github.tag",
    "github:acme/../x                   | github",
    "github:acme/..                     | github.repo",
    "maven:com.acme:x                   | maven",
    "maven:com..acme:x:1.0.0            | maven.group",
    "maven:com.acme:x:../../1.0         | maven.version",
    "maven:com.acme:x:1.0.0:a/b         | maven.classifier",
    "catalog:Acme                       | catalog.id",
    "catalog:acme_x@;ls                 | catalog.range",
    "https://example.com/a b.tar.gz     | url",
    "https://example.com/a.tar.gz;id    | url",
    "https://example.com/a&b.tar.gz     | url",
    "https://example.com/a.tar.gz?a=1;b | url",
    "https://example.com/a.tar.gz?a=$(x) | url",
    "https://u:p@example.com/a.tar.gz   | url",
    "http://example.com/a.tar.gz        | url",
    "https://example.com/a.tar.gz#md5=x | url.fragment",
    "' ./x'                             | source",
  })
  void parse_unsafeOrMalformed_sourceInvalidNamingField(String raw, String field) {
    InstallException e = catchThrowableOfType(InstallException.class, () -> SourceSpec.parse(raw));

    assertThat(e).as(raw).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_INVALID);
    assertThat(e.phase()).isEqualTo(Phase.RESOLVE);
    assertThat(e.details()).containsEntry("field", field);
    assertThat(e.getMessage()).startsWith(field + " ");
  }

  @Test
  void parse_httpToRemoteWhenAllowed_accepted() {
    assertThat(SourceSpec.parse("http://example.com/a.tar.gz", true)).isInstanceOf(SourceSpec.Url.class);
  }

  @Test
  void parse_unknownSchemeOrExtension_unsupported() throws Exception {
    Path txt = Files.writeString(temp.resolve("notes.txt"), "x");

    assertThat(code(() -> SourceSpec.parse("ftp://x/a.tar.gz"))).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(code(() -> SourceSpec.parse("https://x.example/a.exe"))).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(code(() -> SourceSpec.parse(txt.toString()))).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(code(() -> SourceSpec.parse(temp.resolve("missing.tar.gz").toString()))).isEqualTo(InstallErrorCode.SOURCE_NOT_FOUND);
  }

  private static InstallErrorCode code(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    return catchThrowableOfType(InstallException.class, c).code();
  }
}
