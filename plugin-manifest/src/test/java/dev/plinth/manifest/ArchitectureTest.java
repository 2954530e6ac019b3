package dev.plinth.manifest;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("manifest", 25);
  }

  @Test
  void manifest_dependsOnlyOnApiAmongOurModules() {
    PlinthArchRules.assertLayering(classes, "manifest", Set.of("api"));
    PlinthArchRules.assertNoForeignInternal(classes, "manifest");
  }

  @Test
  void manifest_usesOnlyItsDeclaredLibraries() {
    PlinthArchRules.assertOnlyDependsOn(classes,
        "org.tomlj..", "org.semver4j..", "com.fasterxml.jackson..", "org.jspecify..", "org.apiguardian..");
  }

  @Test
  void manifest_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void manifest_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
