package dev.plinth.hooks;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("hooks", 40);
  }

  @Test
  void hooks_dependsOnlyOnSlf4jBesidesJdkAndAnnotations() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.slf4j..", "org.jspecify..", "org.apiguardian..");
  }

  @Test
  void hooks_dependsOnApiOnlyAmongPlinthModules() {
    PlinthArchRules.assertLayering(classes, "hooks", Set.of("api"));
  }

  @Test
  void hooks_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "hooks");
  }

  @Test
  void hooks_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void hooks_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
