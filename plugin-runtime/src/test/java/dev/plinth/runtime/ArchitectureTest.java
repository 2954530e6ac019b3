package dev.plinth.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("runtime", 40);
  }

  @Test
  void runtime_dependsOnlyOnLowerModules() {
    PlinthArchRules.assertLayering(classes, "runtime", Set.of("api", "manifest", "hooks", "installer"));
  }

  @Test
  void runtime_usesNoForeignInternal() {
    PlinthArchRules.assertNoForeignInternal(classes, "runtime");
  }

  @Test
  void runtime_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void runtime_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }

  @Test
  void runtime_usesOnlyDeclaredLibraries() {
    // javax.management is the JDK's own (java.management), used only to unregister a plugin's
    // leftover MBeans on unload.
    PlinthArchRules.assertOnlyDependsOn(classes, "org.jspecify..", "org.apiguardian..", "org.slf4j..", "org.semver4j..",
        "com.fasterxml.jackson..", "javax.management..");
  }
}
