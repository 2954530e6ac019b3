package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JarClassPathTest {
  @Test
  void tokens_splitsTheMainAttributeOnWhiteSpace_anyCase_acrossContinuationLines() throws Exception {
    byte[] wrapped = ("Manifest-Version: 1.0\r\nclass-PATH: a.jar  lib/b%20c.jar\r\n  d.jar\tfile:/x/e.jar\r\n"
        + "Created-By: test\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    assertThat(JarClassPath.tokens(wrapped)).containsExactly("a.jar", "lib/b%20c.jar", "d.jar", "file:/x/e.jar");
  }

  @Test
  void tokens_noAttributeOrOnlyInASection_isEmpty() throws Exception {
    byte[] none = "Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] section = "Manifest-Version: 1.0\r\n\r\nName: com/acme/\r\nClass-Path: x.jar\r\n\r\n"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(JarClassPath.tokens(none)).isEmpty();
    assertThat(JarClassPath.tokens(section)).isEmpty();
    assertThat(JarClassPath.tokens(null)).isEmpty();
  }

  @Test
  void target_resolvesAgainstTheJar_decodesAndNormalises_ignoresOtherSchemes() {
    Path jar = Path.of("/plugins/acme/1.0.0/lib/acme.jar");

    assertThat(JarClassPath.target(jar, "extra/b%20c.jar")).isEqualTo(Path.of("/plugins/acme/1.0.0/lib/extra/b c.jar"));
    assertThat(JarClassPath.target(jar, "../../../other/x.jar")).isEqualTo(Path.of("/plugins/other/x.jar"));
    assertThat(JarClassPath.target(jar, "file:/opt/x.jar")).isEqualTo(Path.of("/opt/x.jar"));
    assertThat(JarClassPath.target(jar, "http://example.com/x.jar")).isNull();
    assertThat(JarClassPath.target(jar, "jar:file:/opt/x.jar!/")).isNull();
  }

  @Test
  void target_mapsLikeTheJdksLoader_charactersAUriRefuses_remoteHostsIgnored() {
    Path jar = Path.of("/plugins/acme/1.0.0/lib/acme.jar");

    assertThat(JarClassPath.target(jar, "../../../outside/ut^il|9.jar")).isEqualTo(Path.of("/plugins/outside/ut^il|9.jar"));
    assertThat(JarClassPath.target(jar, "x%C3%A9.jar")).isEqualTo(Path.of("/plugins/acme/1.0.0/lib/x\u00e9.jar"));
    assertThat(JarClassPath.target(jar, "file://localhost/opt/x.jar")).isEqualTo(Path.of("/opt/x.jar"));
    assertThat(JarClassPath.target(jar, "file://fileserver/share/x.jar")).isNull();
    assertThat(JarClassPath.target(jar, "bad%zzescape.jar")).isNull();
  }

  @Test
  void percentDecoded_decodesUtf8Escapes_keepsTheRest() {
    assertThat(JarClassPath.percentDecoded("/a%20b/%C3%A9+c.jar")).isEqualTo("/a b/\u00e9+c.jar");
    assertThat(JarClassPath.percentDecoded("/plain/\u00e9.jar")).isEqualTo("/plain/\u00e9.jar");
  }

  @Test
  void indexedJars_areTheLinesEndingInJar_inOrder() {
    byte[] index = "JarIndex-Version: 1.0\r\n\r\nown.jar\r\ncom/own\r\n\r\n../other.jar\ncom/lib\nnot-a-jar.txt\n"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(JarClassPath.indexedJars(index)).containsExactly("own.jar", "../other.jar");
    assertThat(JarClassPath.indexedJars(null)).isEmpty();
  }

  /** Bytes without end: what an entry that inflates without limit looks like to a reader. */
  private static java.io.InputStream endless(int b) {
    return new java.io.InputStream() {
      @Override
      public int read() {
        return b;
      }
    };
  }

  @Test
  void mainSection_stopsAtTheFirstBlankLine_forEveryLineEnd_andEndsTheLastLine() throws Exception {
    java.io.InputStream crlf = new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream("Manifest-Version: 1.0\r\nClass-Path: a.jar\r\n\r\nName: x/\r\n".getBytes(StandardCharsets.UTF_8)),
        endless('z'));

    assertThat(new String(JarClassPath.mainSection(crlf), StandardCharsets.UTF_8))
        .isEqualTo("Manifest-Version: 1.0\r\nClass-Path: a.jar\r\n\r");
    assertThat(JarClassPath.tokens(JarClassPath.mainSection(
        new java.io.ByteArrayInputStream("Manifest-Version: 1.0\nClass-Path: b.jar\n\nName: y/\n".getBytes(StandardCharsets.UTF_8)))))
        .containsExactly("b.jar");
    assertThat(JarClassPath.tokens(JarClassPath.mainSection(
        new java.io.ByteArrayInputStream("Manifest-Version: 1.0\rClass-Path: c.jar".getBytes(StandardCharsets.UTF_8)))))
        .containsExactly("c.jar");
  }

  @Test
  void mainSection_andIndex_withoutEnd_areRefusedAfterTheirBound() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JarClassPath.mainSection(endless('a')))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("main section is longer than 1048576 bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JarClassPath.index(endless('\n')))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("INDEX.LIST is longer than");
  }
}
