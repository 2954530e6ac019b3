package dev.plinth.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("cli", 15);
  }

  @Test
  void cli_neverDependsOnTheTestKit() {
    PlinthArchRules.assertLayering(classes, "cli", Set.of("api", "manifest", "audit", "hooks", "installer", "runtime"));
  }

  @Test
  void cli_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "cli");
  }

  @Test
  void cli_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }
}
