package dev.plinth.installer.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules for the store half of the installer: {@code dev.plinth.installer.store} and {@code .events}. */
class StoreArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.plinth.installer.store", "dev.plinth.installer.events");
    assertThat(classes.size()).as("store and events classes analysed").isGreaterThanOrEqualTo(40);
  }

  @Test
  void store_dependsOnlyOnManifestAndApiAmongOurModules() {
    PlinthArchRules.assertLayering(classes, "installer", Set.of("api", "manifest"));
    PlinthArchRules.assertNoForeignInternal(classes, "installer");
  }

  @Test
  void store_usesOnlyItsDeclaredLibraries() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.jspecify..", "org.apiguardian..", "org.slf4j..",
        "com.fasterxml.jackson..", "org.semver4j..");
  }

  @Test
  void store_doesNotReachIntoThePipelinesPackages() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "dev.plinth.installer.source..", "dev.plinth.installer.download..", "dev.plinth.installer.trust..",
        "dev.plinth.installer.extract..", "dev.plinth.installer.pipeline..").check(classes);
  }

  @Test
  void store_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void store_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
