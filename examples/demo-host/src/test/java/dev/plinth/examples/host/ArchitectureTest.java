package dev.plinth.examples.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.plinth.examples.host", "dev.plinth.examples.demo");

  @Test
  void printing_onlyInDemoConsole() {
    assertThat(CLASSES.size()).isGreaterThan(10);
    noClasses().that().doNotHaveSimpleName("DemoConsole")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(CLASSES);
  }

  @Test
  void host_doesNotDependOnTheDemoOrTheTestKit() {
    noClasses().that().resideInAPackage("dev.plinth.examples.host..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.plinth.examples.demo..", "dev.plinth.testkit..")
        .check(CLASSES);
  }

  @Test
  void everyExamplePackage_isNullMarked() throws IOException {
    Path examples = Path.of("..").toAbsolutePath().normalize();
    List<Path> sources;
    try (Stream<Path> s = Files.walk(examples)) {
      sources = s.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java"))
          .map(Path::getParent).distinct().toList();
    }
    assertThat(sources).hasSizeGreaterThan(7);
    for (Path pkg : sources) {
      Path info = pkg.resolve("package-info.java");
      assertThat(info).as(pkg.toString()).exists();
      assertThat(Files.readString(info)).as(info.toString()).contains("@NullMarked");
    }
  }
}
