package dev.plinth.examples.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.plinth.examples.admin");

  @Test
  void admin_usesOnlyWhatAHostMayUse() {
    assertThat(CLASSES.size()).isGreaterThan(4);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..", "dev.plinth.testkit..", "dev.plinth.cli..")
        .because("the admin is an example of a host: public API only")
        .check(CLASSES);
  }

  @Test
  void printing_onlyInAdminMain() {
    noClasses().that().doNotHaveSimpleName("AdminMain")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(CLASSES);
  }
}
