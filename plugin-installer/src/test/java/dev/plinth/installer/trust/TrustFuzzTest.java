package dev.plinth.installer.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.fuzz.Mutator;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzz properties of the trust side: mutated {@code trust.toml} files, mutated pinned key files
 * (PEM and OpenPGP) and mutated signatures (cosign, OpenPGP, published keys and Sigstore bundles)
 * must produce a policy, a verdict, or an {@link InstallException} with a documented trust code;
 * nothing else may escape. Tries from {@code jqwik.tries.default} (short in CI, long under {@code -Pfuzz}).
 */
class TrustFuzzTest {
  private static final Set<InstallErrorCode> VERIFY_CODES = Set.of(InstallErrorCode.SIGNATURE_MISSING,
      InstallErrorCode.SIGNATURE_INVALID, InstallErrorCode.SIGNATURE_UNTRUSTED, InstallErrorCode.SIGSTORE_UNAVAILABLE);
  private static final Path DIR;
  private static final byte[] DATA = TestArchives.randomBytes(2048, 11);
  private static final Path ARCHIVE;
  static final String PEM;
  static final String PGP_PUBLIC;
  static final List<String> POLICIES;
  static final List<SigSeed> SIGNATURES;

  record SigSeed(dev.plinth.installer.trust.SignatureMaterial.Kind kind, byte[] bytes, String origin) {}

  static {
    try {
      DIR = Files.createTempDirectory("plinth-trust-fuzz-");
      ARCHIVE = TestArchives.write(DIR.resolve("acme_tool-1.0.0.tar.gz"), DATA);
      KeyPair ec = TestKeys.ec("secp256r1");
      KeyPair ed = TestKeys.ed25519();
      TestKeys.Pgp pgp = TestKeys.pgp("Acme <oss@acme.example>");
      PEM = TestKeys.pem(ec);
      PGP_PUBLIC = pgp.armoredPublic();
      TestKeys.writeString(DIR.resolve("keys/ec.pub"), PEM);
      TestKeys.writeString(DIR.resolve("keys/ed.pub"), TestKeys.pem(ed));
      TestKeys.writeString(DIR.resolve("keys/pgp.asc"), PGP_PUBLIC);
      POLICIES = List.of(
          "default_mode = \"require\"\n[[authors]]\nname = \"acme\"\nplugins = [\"acme_*\"]\n"
              + "keys = [\"keys/ec.pub\", \"keys/ed.pub\", \"keys/pgp.asc\"]\n",
          "default_mode = \"warn\"\n[[authors]]\nname = \"k\"\nplugins = [\"*\"]\nmode = \"require\"\n"
              + "identity = \"^https://github.com/acme/.*$\"\nissuer = \"https://token.actions.githubusercontent.com\"\n",
          "default_mode = \"ignore\"\n");
      byte[] bundle;
      try (Stream<Path> s = Files.walk(Path.of(TrustFuzzTest.class.getResource("/fixtures/sigstore/sigstore-java/bundles").toURI()))) {
        bundle = Files.readAllBytes(s.filter(p -> p.toString().endsWith(".sigstore.json")).sorted().findFirst().orElseThrow());
      }
      SIGNATURES = List.of(
          new SigSeed(SignatureMaterial.Kind.COSIGN_SIGNATURE, TestKeys.cosignSign(ec, DATA), "a.sig"),
          new SigSeed(SignatureMaterial.Kind.COSIGN_SIGNATURE, TestKeys.cosignSign(ed, DATA), "a.sig"),
          new SigSeed(SignatureMaterial.Kind.PGP_SIGNATURE, pgp.sign(DATA), "a.asc"),
          new SigSeed(SignatureMaterial.Kind.PUBLISHED_KEY, PEM.getBytes(StandardCharsets.US_ASCII), "a.pub"),
          new SigSeed(SignatureMaterial.Kind.SIGSTORE_BUNDLE, bundle, "a.sigstore.json"));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @AfterContainer
  static void cleanUp() throws Exception {
    try (Stream<Path> all = Files.walk(DIR)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void onlyTrustPolicyInvalid(String input, Runnable body) {
    try {
      body.run();
    } catch (InstallException e) {
      assertThat(e.code()).as("code for input:\n" + input).isEqualTo(InstallErrorCode.TRUST_POLICY_INVALID);
      assertThat(e.nextStep()).isNotBlank();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("undocumented " + e + " for input:\n" + input, e);
    }
  }

  /** Shared with the Jazzer target: a policy or {@code TRUST_POLICY_INVALID}. */
  static void checkTrustToml(String text) {
    onlyTrustPolicyInvalid(text, () -> assertThat(TrustPolicy.parse(text, DIR, "trust.toml")).isNotNull());
  }

  /** Shared with the Jazzer target: a policy pinning {@code key} as its only key file, or {@code TRUST_POLICY_INVALID}. */
  static void checkPinnedKey(byte[] key, String name) throws IOException {
    Path dir = Files.createDirectories(DIR.resolve("k-" + name));
    Files.write(dir.resolve("key"), key);
    String toml = "default_mode = \"require\"\n[[authors]]\nname = \"x\"\nplugins = [\"*\"]\nkeys = [\"key\"]\n";
    try {
      onlyTrustPolicyInvalid(new String(key, StandardCharsets.ISO_8859_1), () -> TrustPolicy.parse(toml, dir, "trust.toml"));
    } finally {
      Files.delete(dir.resolve("key"));
      Files.delete(dir);
    }
  }

  /** Shared with the Jazzer target: a verdict or a documented verification error for these signatures. */
  static void checkSignatures(List<FetchedSignature> sigs) {
    TrustEvaluator trust = TrustEvaluator.create(TrustPolicy.parse(POLICIES.get(0), DIR, "trust.toml"), e -> { });
    String input = sigs.stream().map(s -> s.kind() + ":" + new String(s.content(), StandardCharsets.ISO_8859_1)).toList().toString();
    try {
      SignatureVerdict v = trust.evaluate("acme_tool", "1.0.0", ARCHIVE, sigs, InstallRequest.of("./a.tar.gz"), "tx");
      assertThat(v).isNotNull();
    } catch (InstallException e) {
      assertThat(VERIFY_CODES).as("code of %s for %s", e, input).contains((InstallErrorCode) e.code());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("undocumented " + e + " for signatures " + input, e);
    }
  }

  @Property
  void parse_mutatedTrustToml_givesAPolicyOrTrustPolicyInvalid(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int rounds) {
    Random random = new Random(seed);
    checkTrustToml(Mutator.mutate(POLICIES.get(random.nextInt(POLICIES.size())), random, rounds));
  }

  @Property
  void parse_mutatedPinnedKeyFile_givesAPolicyOrTrustPolicyInvalid(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int rounds)
      throws Exception {
    Random random = new Random(seed);
    boolean pgp = random.nextBoolean();
    checkPinnedKey(Mutator.mutate((pgp ? PGP_PUBLIC : PEM).getBytes(StandardCharsets.US_ASCII), random, rounds), "" + seed);
  }

  @Property
  void evaluate_mutatedSignatures_givesAVerdictOrADocumentedVerifyError(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int rounds) {
    Random random = new Random(seed);
    List<FetchedSignature> sigs = new java.util.ArrayList<>();
    for (int i = random.nextInt(3) + 1; i > 0; i--) {
      SigSeed s = SIGNATURES.get(random.nextInt(SIGNATURES.size()));
      sigs.add(new FetchedSignature(s.kind(), Mutator.mutate(s.bytes(), random, rounds), s.origin()));
    }
    checkSignatures(sigs);
  }
}
