package dev.plinth.installer.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.events.PlinthEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustEvaluatorTest {
  @TempDir Path temp;

  private final List<PlinthEvent> events = new ArrayList<>();
  private Path archive;
  private byte[] data;
  private KeyPair pinned;
  private KeyPair stranger;

  @BeforeEach
  void setUp() throws Exception {
    data = TestArchives.randomBytes(50_000, 3);
    archive = TestArchives.write(temp.resolve("acme_tool-1.0.0.tar.gz"), data);
    pinned = TestKeys.ec("secp256r1");
    stranger = TestKeys.ec("secp256r1");
    TestKeys.writeString(temp.resolve("keys/acme.pub"), TestKeys.pem(pinned));
  }

  private TrustEvaluator evaluator(String defaultMode) {
    String toml = "default_mode = \"" + defaultMode + "\"\n[[authors]]\nname = \"acme\"\nplugins = [\"acme_*\"]\nkeys = [\"keys/acme.pub\"]\n";
    return TrustEvaluator.create(TrustPolicy.parse(toml, temp, "trust.toml"), events::add);
  }

  private List<FetchedSignature> signatures(String state) throws Exception {
    return switch (state) {
      case "unsigned" -> List.of();
      case "valid" -> List.of(sig(TestKeys.cosignSign(pinned, data)));
      case "invalid" -> List.of(sig(TestKeys.cosignSign(pinned, "other bytes".getBytes())));
      case "untrusted" -> List.of(sig(TestKeys.cosignSign(stranger, data)),
          new FetchedSignature(SignatureMaterial.Kind.PUBLISHED_KEY, TestKeys.pem(stranger).getBytes(), "x.pub"));
      default -> throw new IllegalArgumentException(state);
    };
  }

  private static FetchedSignature sig(byte[] b) {
    return new FetchedSignature(SignatureMaterial.Kind.COSIGN_SIGNATURE, b, "acme_tool-1.0.0.tar.gz.sig");
  }

  @ParameterizedTest(name = "{0} x {1} -> {2}")
  @CsvSource({
    "ignore,  unsigned,  OK_UNVERIFIED",
    "ignore,  valid,     OK_UNVERIFIED",
    "ignore,  invalid,   OK_UNVERIFIED",
    "ignore,  untrusted, OK_UNVERIFIED",
    "warn,    unsigned,  WARN_SIGNATURE_MISSING",
    "warn,    valid,     VERIFIED",
    "warn,    invalid,   WARN_SIGNATURE_INVALID",
    "warn,    untrusted, WARN_SIGNATURE_UNTRUSTED",
    "require, unsigned,  SIGNATURE_MISSING",
    "require, valid,     VERIFIED",
    "require, invalid,   SIGNATURE_INVALID",
    "require, untrusted, SIGNATURE_UNTRUSTED",
  })
  void evaluate_modeBySignatureState_expectedVerdict(String mode, String state, String expected) throws Exception {
    TrustEvaluator trust = evaluator(mode);
    List<FetchedSignature> sigs = signatures(state);
    InstallRequest request = InstallRequest.of("./x.tar.gz");

    if (expected.startsWith("SIGNATURE_")) {
      InstallException e = catchThrowableOfType(InstallException.class,
          () -> trust.evaluate("acme_tool", "1.0.0", archive, sigs, request, "tx1"));
      assertThat(e).isNotNull();
      assertThat(e.code().code()).isEqualTo(expected);
      assertThat(e.phase()).isEqualTo(Phase.VERIFY);
      assertThat(e.details()).containsEntry("mode", "require").containsEntry("matchedPolicy", "acme")
          .containsEntry("enforcement", "policy_applied").containsEntry("pluginId", "acme_tool");
      assertThat(events).isEmpty();
      return;
    }
    SignatureVerdict v = trust.evaluate("acme_tool", "1.0.0", archive, sigs, request, "tx1");
    assertThat(v.mode()).isEqualTo(mode);
    assertThat(v.enforcement()).isEqualTo("policy_applied");
    switch (expected) {
      case "OK_UNVERIFIED" -> {
        assertThat(v.verified()).isFalse();
        assertThat(v.method()).isEqualTo("none");
        assertThat(v.warning()).isNull();
        assertThat(events).isEmpty();
      }
      case "VERIFIED" -> {
        assertThat(v.verified()).isTrue();
        assertThat(v.method()).isEqualTo("cosign-key");
        assertThat(v.identity()).isEqualTo(PinnedKey.fingerprint(pinned.getPublic()));
        assertThat(v.matchedPolicy()).isEqualTo("acme");
        assertThat(v.warning()).isNull();
        assertThat(events).isEmpty();
      }
      default -> {
        String code = expected.substring("WARN_".length());
        assertThat(v.verified()).isFalse();
        assertThat(v.warning()).startsWith(code + ": ");
        assertThat(events).singleElement().satisfies(ev -> {
          assertThat(ev.type()).isEqualTo("signature_warning");
          assertThat(ev.pluginId()).isEqualTo("acme_tool");
          assertThat(ev.correlationId()).isEqualTo("tx1");
          assertThat(ev.detail()).containsEntry("code", code);
        });
      }
    }
  }

  @Test
  void evaluate_untrustedKey_identityIsTheUnpinnedFingerprint() throws Exception {
    SignatureVerdict v = evaluator("warn").evaluate("acme_tool", "1.0.0", archive, signatures("untrusted"),
        InstallRequest.of("x"), "tx");

    assertThat(v.identity()).isEqualTo(PinnedKey.fingerprint(stranger.getPublic()));
    assertThat(v.warning()).contains("never trusted by itself");
  }

  @Test
  void evaluate_requestRequired_tightensIgnoreToRequire() throws Exception {
    TrustEvaluator trust = evaluator("ignore");
    InstallRequest request = InstallRequest.of("x").withRequireSignature(true);

    InstallException e = catchThrowableOfType(InstallException.class,
        () -> trust.evaluate("acme_tool", "1.0.0", archive, List.of(), request, "tx"));
    SignatureVerdict ok = trust.evaluate("acme_tool", "1.0.0", archive, signatures("valid"), request, "tx");

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGNATURE_MISSING);
    assertThat(e.details()).containsEntry("enforcement", "request_required");
    assertThat(ok.verified()).isTrue();
    assertThat(ok.mode()).isEqualTo("require");
    assertThat(ok.enforcement()).isEqualTo("request_required");
  }

  @Test
  void evaluate_requestSkipped_noCheckEvenUnderRequire() throws Exception {
    SignatureVerdict v = evaluator("require").evaluate("acme_tool", "1.0.0", archive, signatures("invalid"),
        InstallRequest.of("x").withSkipSignatureVerify(true), "tx");

    assertThat(v.verified()).isFalse();
    assertThat(v.enforcement()).isEqualTo("request_skipped");
    assertThat(events).isEmpty();
  }

  @Test
  void evaluate_pluginOutsideAuthorGlobs_defaultModeAndNoPinnedKeys() throws Exception {
    InstallException e = catchThrowableOfType(InstallException.class, () -> evaluator("require")
        .evaluate("other_tool", "1.0.0", archive, signatures("valid"), InstallRequest.of("x"), "tx"));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGNATURE_UNTRUSTED);
    assertThat(e.details()).doesNotContainKey("matchedPolicy");
  }

  @Test
  void evaluate_p384AndEd25519Keys_verified() throws Exception {
    KeyPair p384 = TestKeys.ec("secp384r1");
    KeyPair ed = TestKeys.ed25519();
    TestKeys.writeString(temp.resolve("keys/p384.pub"), TestKeys.pem(p384));
    TestKeys.writeString(temp.resolve("keys/ed.pub"), TestKeys.pem(ed));
    String toml = "[[authors]]\nplugins = [\"acme_*\"]\nmode = \"require\"\nkeys = [\"keys/p384.pub\", \"keys/ed.pub\"]\n";
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(toml, temp, "t"), events::add);

    SignatureVerdict v384 = trust.evaluate("acme_tool", "1.0.0", archive, List.of(sig(TestKeys.cosignSign(p384, data))), InstallRequest.of("x"), "tx");
    SignatureVerdict ved = trust.evaluate("acme_tool", "1.0.0", archive, List.of(sig(TestKeys.cosignSign(ed, data))), InstallRequest.of("x"), "tx");
    InstallException bad = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0", archive,
        List.of(sig(TestKeys.cosignSign(ed, "tampered".getBytes()))), InstallRequest.of("x"), "tx"));

    assertThat(v384.identity()).isEqualTo(PinnedKey.fingerprint(p384.getPublic()));
    assertThat(ved.identity()).isEqualTo(PinnedKey.fingerprint(ed.getPublic()));
    assertThat(v384.matchedPolicy()).isEqualTo("authors[0]");
    assertThat(bad.code()).isEqualTo(InstallErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void evaluate_rsaAndP521Keys_verifiedWithTheirHashes() throws Exception {
    KeyPair rsa = TestKeys.rsa(2048);
    KeyPair p521 = TestKeys.ec("secp521r1");
    TestKeys.writeString(temp.resolve("keys/rsa.pub"), TestKeys.pem(rsa));
    TestKeys.writeString(temp.resolve("keys/p521.pub"), TestKeys.pem(p521));
    String toml = "[[authors]]\nplugins = [\"acme_*\"]\nmode = \"require\"\nkeys = [\"keys/rsa.pub\", \"keys/p521.pub\"]\n";
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(toml, temp, "t"), events::add);

    SignatureVerdict vRsa = trust.evaluate("acme_tool", "1.0.0", archive, List.of(sig(TestKeys.cosignSign(rsa, data))),
        InstallRequest.of("x"), "tx");
    SignatureVerdict v521 = trust.evaluate("acme_tool", "1.0.0", archive, List.of(sig(TestKeys.cosignSign(p521, data))),
        InstallRequest.of("x"), "tx");
    InstallException bad = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0",
        archive, List.of(sig(TestKeys.cosignSign(rsa, "tampered".getBytes()))), InstallRequest.of("x"), "tx"));

    assertThat(vRsa.verified()).isTrue();
    assertThat(vRsa.identity()).isEqualTo(PinnedKey.fingerprint(rsa.getPublic()));
    assertThat(v521.verified()).isTrue();
    assertThat(v521.identity()).isEqualTo(PinnedKey.fingerprint(p521.getPublic()));
    assertThat(bad.code()).isEqualTo(InstallErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void evaluate_rawDerCosignSignature_verified() throws Exception {
    byte[] der = java.util.Base64.getDecoder().decode(TestKeys.cosignSign(pinned, data));

    SignatureVerdict v = evaluator("require").evaluate("acme_tool", "1.0.0", archive, List.of(sig(der)), InstallRequest.of("x"), "tx");

    assertThat(v.verified()).isTrue();
  }

  @Test
  void evaluate_pgpPinnedUnknownAndBad_verifiedUntrustedInvalid() throws Exception {
    TestKeys.Pgp acme = TestKeys.pgp("Acme <oss@acme.example>");
    TestKeys.Pgp other = TestKeys.pgp("Other <x@other.example>");
    TestKeys.writeString(temp.resolve("keys/acme.asc"), acme.armoredPublic());
    String toml = "default_mode = \"require\"\n[[authors]]\nplugins = [\"acme_*\"]\nkeys = [\"keys/acme.asc\"]\n";
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(toml, temp, "t"), events::add);

    SignatureVerdict ok = trust.evaluate("acme_tool", "1.0.0", archive, List.of(asc(acme.sign(data))), InstallRequest.of("x"), "tx");
    InstallException unknown = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0", archive,
        List.of(asc(other.sign(data))), InstallRequest.of("x"), "tx"));
    InstallException bad = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0", archive,
        List.of(asc(acme.sign("tampered".getBytes()))), InstallRequest.of("x"), "tx"));

    assertThat(ok.method()).isEqualTo("pgp");
    assertThat(ok.identity()).isEqualTo(java.util.HexFormat.of().withUpperCase().formatHex(acme.pair().getPublicKey().getFingerprint()));
    assertThat(unknown.code()).isEqualTo(InstallErrorCode.SIGNATURE_UNTRUSTED);
    assertThat(unknown.details()).containsEntry("identity", String.format("%016X", other.pair().getKeyID()));
    assertThat(bad.code()).isEqualTo(InstallErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void evaluate_sigstoreWithPinnedIdentity_verifiedWithIdentityAndIssuer() throws Exception {
    Path artifact = SigstoreKeylessVerifierTest.resource("sigstore-java/bundles/artifact.txt");
    String toml = "[[authors]]\nname = \"appu\"\nplugins = [\"acme_*\"]\nmode = \"require\"\n"
        + "identity = \"appu@google\\\\.com\"\nissuer = \"https://accounts.google.com\"\n";
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(toml, temp, "t"), events::add);

    SignatureVerdict v = trust.evaluate("acme_tool", "1.0.0", artifact, List.of(bundle("bundle.sigstore")), InstallRequest.of("x"), "tx");

    assertThat(v.verified()).isTrue();
    assertThat(v.method()).isEqualTo("sigstore");
    assertThat(v.identity()).isEqualTo("appu@google.com");
    assertThat(v.issuer()).isEqualTo("https://accounts.google.com");
    assertThat(v.matchedPolicy()).isEqualTo("appu");
  }

  @Test
  void evaluate_expiredCertificateBundle_invalidUnderRequire() throws Exception {
    Path artifact = SigstoreKeylessVerifierTest.resource("sigstore-java/bundles/artifact.txt");
    String toml = "[[authors]]\nplugins = [\"acme_*\"]\nmode = \"require\"\n"
        + "identity = \"untrusted-sa@sigstore-conformance\\\\.iam\\\\.gserviceaccount\\\\.com\"\n"
        + "issuer = \"https://accounts.google.com\"\n";
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(toml, temp, "t"), events::add);

    InstallException e = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0", artifact,
        List.of(bundle("bundle-with-expired-cert.sigstore")), InstallRequest.of("x"), "tx"));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGNATURE_INVALID);
    assertThat(e.getMessage()).contains("log integrated time must fall within the signing certificate's validity");
  }

  @Test
  void evaluate_sigstoreWithoutPinnedIdentity_untrustedUnderRequire() throws Exception {
    Path artifact = SigstoreKeylessVerifierTest.resource("sigstore-java/bundles/artifact.txt");
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.of(TrustMode.REQUIRE), events::add);

    InstallException e = catchThrowableOfType(InstallException.class, () -> trust.evaluate("acme_tool", "1.0.0", artifact,
        List.of(bundle("bundle.sigstore")), InstallRequest.of("x"), "tx"));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGNATURE_UNTRUSTED);
    assertThat(e.details()).containsEntry("identity", "appu@google.com");
  }

  @Test
  void evaluate_sigstoreMissingFromClasspath_unavailableUnderRequireWarningUnderWarn() throws Exception {
    Path artifact = SigstoreKeylessVerifierTest.resource("sigstore-java/bundles/artifact.txt");
    ClassLoader hiding = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("dev.sigstore.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    TrustEvaluator require = TrustEvaluator.create(TrustPolicy.of(TrustMode.REQUIRE), events::add, hiding);
    TrustEvaluator warn = TrustEvaluator.create(TrustPolicy.of(TrustMode.WARN), events::add, hiding);

    InstallException e = catchThrowableOfType(InstallException.class, () -> require.evaluate("acme_tool", "1.0.0", artifact,
        List.of(bundle("bundle.sigstore")), InstallRequest.of("x"), "tx"));
    SignatureVerdict w = warn.evaluate("acme_tool", "1.0.0", artifact, List.of(bundle("bundle.sigstore")), InstallRequest.of("x"), "tx");

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGSTORE_UNAVAILABLE);
    assertThat(e.nextStep()).contains("dev.sigstore:sigstore-java");
    assertThat(w.warning()).startsWith("SIGSTORE_UNAVAILABLE: ");
  }

  private static FetchedSignature asc(byte[] b) {
    return new FetchedSignature(SignatureMaterial.Kind.PGP_SIGNATURE, b, "x.asc");
  }

  private static FetchedSignature bundle(String name) throws Exception {
    return new FetchedSignature(SignatureMaterial.Kind.SIGSTORE_BUNDLE,
        Files.readAllBytes(SigstoreKeylessVerifierTest.resource("sigstore-java/bundles/" + name)), name);
  }
}
