package dev.plinth.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("testkit", 35);
  }

  @Test
  void testkit_dependsOnlyOnModulesToItsLeft() {
    PlinthArchRules.assertLayering(classes, "testkit",
        Set.of("api", "manifest", "hooks", "installer", "runtime"));
  }

  @Test
  void testkit_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "testkit");
  }

  @Test
  void testkit_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void testkit_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }

  @Test
  void testkit_onlyUsesItsDeclaredLibraries() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.jspecify..", "org.apiguardian..",
        "org.apache.commons.compress..", "org.bouncycastle..", "com.fasterxml.jackson..",
        "com.github.tomakehurst.wiremock..", "org.semver4j..", "javax.tools..", "org.junit..", "org.assertj..");
  }
}
