package dev.plinth.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("api", 20);
  }

  @Test
  void api_dependsOnNoLibraryButAnnotations() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.jspecify..", "org.apiguardian..");
  }

  @Test
  void api_dependsOnNoOtherModule() {
    PlinthArchRules.assertLayering(classes, "api", Set.of());
  }

  @Test
  void api_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void api_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
