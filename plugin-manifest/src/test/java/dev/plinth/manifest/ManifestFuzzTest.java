package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.PlinthException;
import dev.plinth.api.fuzz.Mutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzz properties of the manifest parser and validator and of the host.toml reader: mutated
 * versions of every manifest and host profile in the test resources (and arbitrary text) must
 * come back as a report or as the documented {@link ManifestException}; nothing else may escape
 * (no NPE, no index or number-format error, no stack overflow). The number of tries comes from
 * {@code jqwik.tries.default}: a short run in CI, a long one in the {@code fuzz} profile.
 */
class ManifestFuzzTest {
  static final List<String> MANIFESTS = texts("manifests");
  static final List<String> HOSTS = texts("hosts");
  private static final HostProfile HOST = HostProfiles.parse(HOSTS.get(0));

  private static List<String> texts(String folder) {
    try (Stream<Path> files = Files.walk(Path.of(ManifestFuzzTest.class.getResource("/" + folder).toURI()))) {
      List<String> out = files.filter(p -> p.toString().endsWith(".toml")).sorted().map(p -> {
        try {
          return new String(Files.readAllBytes(p), StandardCharsets.UTF_8); // some seeds are not UTF-8 on purpose
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
      assertThat(out).as("seed files under " + folder).hasSizeGreaterThan(2);
      return out;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("test resources missing: " + folder, e);
    }
  }

  /** Runs {@code body}; a {@link PlinthException} is a documented outcome, anything else fails with the input. */
  static void onlyDocumented(String input, Runnable body) {
    try {
      body.run();
    } catch (PlinthException e) {
      assertThat(e.code()).isNotNull();
      assertThat(e.nextStep()).as("next step for input:\n" + input).isNotBlank();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("undocumented " + e + " for input:\n" + input, e);
    }
  }

  /** The manifest check shared by the jqwik property and the Jazzer target: a report, never an undocumented exception. */
  static void checkManifest(String text) {
    onlyDocumented(text, () -> {
      ManifestReport report = ManifestParser.parse(text);
      report.issues().forEach(i -> {
        assertThat(i.code()).isNotNull();
        assertThat(i.nextStep()).isNotNull();
      });
      assertThat(report.ok()).isEqualTo(report.manifest().isPresent() && report.ok());
      ManifestReport checked = Preflight.check(report, HOST);
      assertThat(checked.issues()).hasSizeGreaterThanOrEqualTo(report.issues().size());
    });
  }

  /** The host.toml check shared by the jqwik property and the Jazzer target: a profile or {@code HOST_PROFILE_INVALID}. */
  static void checkHostProfile(String text) {
    onlyDocumented(text, () -> {
      try {
        HostProfiles.parse(text);
      } catch (ManifestException e) {
        assertThat(e.code()).isEqualTo(ManifestCode.HOST_PROFILE_INVALID);
        throw e;
      }
    });
  }

  @Property
  void parseAndPreflight_mutatedManifest_returnsAReport(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int rounds) {
    Random random = new Random(seed);
    checkManifest(Mutator.mutate(MANIFESTS.get(random.nextInt(MANIFESTS.size())), random, rounds));
  }

  @Property
  void parse_arbitraryText_returnsAReport(@ForAll String text) {
    onlyDocumented(text, () -> assertThat(ManifestParser.parse(text)).isNotNull());
  }

  @Property
  void hostProfile_mutatedHostToml_parsesOrThrowsHostProfileInvalid(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int rounds) {
    Random random = new Random(seed);
    checkHostProfile(Mutator.mutate(HOSTS.get(random.nextInt(HOSTS.size())), random, rounds));
  }
}
