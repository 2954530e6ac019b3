package dev.plinth.installer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.installer.trust.AuthorPolicy;
import dev.plinth.installer.trust.SignatureMaterial.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogSourceTest {
  @Test
  void parse_eachStringForm_theMatchingSource() {
    assertThat(CatalogSource.parse("https://x.example/index.json")).isEqualTo(new CatalogSource.Index("https://x.example/index.json"));
    assertThat(CatalogSource.parse("index:http://127.0.0.1:1/i.json")).isEqualTo(new CatalogSource.Index("http://127.0.0.1:1/i.json"));
    assertThat(CatalogSource.parse("github-index:https://x.example/repos.json"))
        .isEqualTo(new CatalogSource.GitHubListing("https://x.example/repos.json"));
    assertThat(CatalogSource.parse("maven:https://repo.example/m2/#com.acme:a,com.acme:b"))
        .isEqualTo(new CatalogSource.MavenArtifacts("https://repo.example/m2", List.of("com.acme:a", "com.acme:b")));
    assertThat(CatalogSource.parse("folder:/opt/plugins")).isEqualTo(new CatalogSource.Folder(Path.of("/opt/plugins")));
  }

  @Test
  void parse_unknownOrBrokenForm_namesTheValue() {
    assertThatThrownBy(() -> CatalogSource.parse("ftp://x")).hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> CatalogSource.parse("maven:https://repo.example")).hasMessageContaining("maven:URL#group:artifact");
    assertThatThrownBy(() -> CatalogSource.parse("maven:https://r.example#a:../b")).hasMessageContaining("a:../b");
  }

  @Test
  void tier_signaturesAgainstPolicy_eachTier() {
    AuthorPolicy keyless = new AuthorPolicy(0, null, List.of("acme_*"), null, "https://github.com/acme/.*", "https://token.actions.githubusercontent.com", List.of());
    AuthorPolicy keys = new AuthorPolicy(1, null, List.of("acme_*"), null, null, null, List.of(Path.of("acme.pub")));

    assertThat(Assessor.tier(offer(Set.of(Kind.SIGSTORE_BUNDLE)), keyless)).isEqualTo(TrustTier.VERIFIED_SIGNER);
    assertThat(Assessor.tier(offer(Set.of(Kind.COSIGN_SIGNATURE)), keys)).isEqualTo(TrustTier.KNOWN_KEY);
    assertThat(Assessor.tier(offer(Set.of(Kind.PGP_SIGNATURE)), keys)).isEqualTo(TrustTier.KNOWN_KEY);
    assertThat(Assessor.tier(offer(Set.of(Kind.SIGSTORE_BUNDLE)), keys)).isEqualTo(TrustTier.UNKNOWN_SIGNER);
    assertThat(Assessor.tier(offer(Set.of(Kind.COSIGN_SIGNATURE, Kind.PUBLISHED_KEY)), null)).isEqualTo(TrustTier.UNKNOWN_SIGNER);
    assertThat(Assessor.tier(offer(Set.of(Kind.PUBLISHED_KEY)), keys)).isEqualTo(TrustTier.UNSIGNED);
  }

  private static Offer offer(Set<Kind> kinds) {
    return new Offer("acme_x", "x", "", "1.0.0", "catalog:acme_x", null, kinds);
  }
}
