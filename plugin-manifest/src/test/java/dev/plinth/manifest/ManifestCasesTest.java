package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven suite: every {@code manifests/{valid,invalid}/*.toml} resource states, in
 * comment headers, the exact set of {@code (code, field)} pairs it must produce:
 *
 * <pre>
 * # expect: MANIFEST_ID_INVALID plugin.id      one line per expected issue (none: no issue at all)
 * # host: standard                             preflight against hosts/standard.toml
 * # bundle: lib/app.jar com.acme.App           build this file into a bundle folder and check it
 * </pre>
 *
 * A {@code bundle} line names a jar (followed by classes or entry paths, and by {@code
 * Name=value} main manifest attributes such as {@code Class-Path=../x.jar}), a loose {@code .class}
 * file (followed by the class it declares), a folder (ending in {@code /}) or a text file
 * (followed by {@code !text}). Bundle cases preflight with {@code hosts/standard.toml} unless a
 * host is named.
 */
class ManifestCasesTest {
  @TempDir Path temp;

  static Stream<Path> cases() {
    Path root = resource("manifests");
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".toml")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void manifest_case_producesExactlyTheExpectedIssues(Path file) {
    Case c = Case.read(file);

    ManifestReport report = run(c);

    assertThat(pairs(report.issues()))
        .as("(code, field) pairs of %s; messages:%n%s", file.getFileName(), ManifestReports.toText(report))
        .isEqualTo(c.expected());
    if (file.getParent().getFileName().toString().equals("valid")) {
      assertThat(report.ok()).as("valid case is ok").isTrue();
    } else {
      assertThat(report.ok()).as("invalid case is not ok").isFalse();
    }
    for (ManifestIssue i : report.issues()) {
      assertThat(i.message()).as("message names the field").startsWith(
          i.field().isEmpty() ? "" : i.field() + " ");
      if (i.value() != null) {
        assertThat(i.message()).as("message names the value").endsWith(": " + i.value());
      }
      assertThat(i.nextStep()).as("next step of %s", i.code()).isNotBlank();
      assertThat(i.severity()).isEqualTo(ManifestCode.valueOf(i.code()).severity());
    }
  }

  @Test
  void suite_everyCode_isProducedByAtLeastOneCase() {
    Set<ManifestCode> produced = EnumSet.noneOf(ManifestCode.class);
    cases().forEach(f -> {
      Path dir = temp.resolve(f.getFileName().toString());
      run(Case.read(f), dir).issues().forEach(i -> produced.add(ManifestCode.valueOf(i.code())));
    });

    // The AUDIT_* codes judge a bytecode audit, which needs a BundleAuditor (the plugin-audit module);
    // SandboxProfileTest produces each of them from audit reports.
    produced.addAll(EnumSet.of(ManifestCode.AUDIT_CAPABILITY_UNDECLARED, ManifestCode.AUDIT_DYNAMIC_REFLECTION,
        ManifestCode.AUDIT_DYNAMIC_REFUSED, ManifestCode.AUDIT_CAPABILITY_UNUSED, ManifestCode.AUDIT_CLASS_UNREADABLE));
    assertThat(EnumSet.complementOf(EnumSet.copyOf(produced))).as("codes no case produces").isEmpty();
  }

  @Test
  void suite_hasEnoughCases_ofEachKind() {
    List<Path> all = cases().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(p -> p.getParent().endsWith("valid"))).hasSizeGreaterThanOrEqualTo(10);
    long manyProblems = all.stream().filter(p -> Case.read(p).expected().size() >= 5).count();
    assertThat(manyProblems).as("cases with 5+ problems").isGreaterThanOrEqualTo(3);
  }

  private ManifestReport run(Case c) {
    return run(c, temp);
  }

  private static ManifestReport run(Case c, Path bundleDir) {
    HostProfile host;
    try {
      host = c.host() == null && !c.bundle().isEmpty() ? hostProfile("standard")
          : c.host() == null ? null : hostProfile(c.host());
    } catch (ManifestException e) {
      return new ManifestReport(null, e.issues());
    }
    if (!c.bundle().isEmpty()) {
      Path bundle = buildBundle(c, bundleDir.resolve("bundle"));
      return Preflight.checkBundle(bundle, host);
    }
    ManifestReport parsed = ManifestParser.parse(c.file());
    return host == null ? parsed : Preflight.check(parsed, host);
  }

  private static Path buildBundle(Case c, Path root) {
    try {
      Files.createDirectories(root);
      Files.copy(c.file(), root.resolve("plugin.toml"));
      for (List<String> line : c.bundle()) {
        Path target = root.resolve(line.get(0));
        if (line.get(0).endsWith("/")) {
          Files.createDirectories(target);
        } else if (line.size() > 1 && line.get(1).equals("!text")) {
          Files.createDirectories(target.getParent());
          Files.writeString(target, "not a jar");
        } else if (line.get(0).endsWith(".jar")) {
          List<String> args = line.subList(1, line.size());
          String attribute = args.stream().filter(a -> a.contains("=")).findFirst().orElse(null);
          String[] classes = args.stream().filter(a -> !a.contains("=")).toArray(String[]::new);
          if (attribute == null) {
            TestClasses.jar(target, classes);
          } else {
            int eq = attribute.indexOf('=');
            TestClasses.jarWithAttribute(target, attribute.substring(0, eq), attribute.substring(eq + 1), classes);
          }
        } else {
          TestClasses.looseClass(target, line.get(1));
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostProfile hostProfile(String name) {
    return HostProfiles.read(resource("hosts/" + name + ".toml"));
  }

  static Set<String> pairs(List<ManifestIssue> issues) {
    return issues.stream().map(i -> (i.code() + " " + i.field()).strip()).collect(Collectors.toCollection(TreeSet::new));
  }

  static Path resource(String name) {
    try {
      return Path.of(ManifestCasesTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One case file and its directives. */
  record Case(Path file, Set<String> expected, String host, List<List<String>> bundle) {
    static Case read(Path file) {
      List<String> lines;
      try {
        // ISO-8859-1 reads any bytes, so a case may hold invalid UTF-8 on purpose.
        lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Set<String> expected = new TreeSet<>();
      String host = null;
      List<List<String>> bundle = new ArrayList<>();
      for (String line : lines) {
        String l = line.strip();
        if (l.startsWith("# expect:")) {
          expected.add(String.join(" ", l.substring(9).trim().split("\\s+")));
        } else if (l.startsWith("# host:")) {
          host = l.substring(7).trim();
        } else if (l.startsWith("# bundle:")) {
          bundle.add(Arrays.asList(l.substring(9).trim().split("\\s+")));
        }
      }
      return new Case(file, expected, host, bundle);
    }
  }
}
