package dev.plinth.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("spring", 8);
  }

  @Test
  void starter_usesNoTestKitOrCli() {
    PlinthArchRules.assertLayering(classes, "spring", Set.of("api", "manifest", "hooks", "installer", "runtime"));
  }

  @Test
  void starter_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "spring");
  }

  @Test
  void starter_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void starter_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
