package dev.plinth.installer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("installer", 60);
  }

  @Test
  void installer_dependsOnlyOnManifestAndApiAmongOurModules() {
    PlinthArchRules.assertLayering(classes, "installer", Set.of("api", "manifest"));
  }

  @Test
  void installer_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "installer");
  }

  @Test
  void installer_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void installer_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }

  @Test
  void catalog_sitsOnTopOfTheInstaller() {
    noClasses()
        .that().resideOutsideOfPackage("dev.plinth.installer.catalog..")
        .should().dependOnClassesThat().resideInAPackage("dev.plinth.installer.catalog..")
        .because("discovery reads sources through the installer's own resolve phase; nothing installs through it")
        .check(classes);
  }

  @Test
  void sigstore_referencedOnlyByTheReflectivelyLoadedVerifier() {
    noClasses()
        .that().doNotHaveFullyQualifiedName("dev.plinth.installer.trust.SigstoreKeylessVerifier")
        .should().dependOnClassesThat().resideInAPackage("dev.sigstore..")
        .because("sigstore-java is optional: only SigstoreKeylessVerifier may touch it, loaded after a Class.forName probe")
        .check(classes);
  }
}
