package dev.plinth.metrics;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("metrics", 2);
  }

  @Test
  void metrics_dependsOnlyOnLowerModules() {
    PlinthArchRules.assertLayering(classes, "metrics", Set.of("api", "manifest", "hooks", "installer", "runtime"));
  }

  @Test
  void metrics_usesNoForeignInternal() {
    PlinthArchRules.assertNoForeignInternal(classes, "metrics");
  }

  @Test
  void metrics_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void metrics_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }

  @Test
  void metrics_usesOnlyMicrometerBesidesPlinth() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.jspecify..", "org.apiguardian..", "io.micrometer..");
  }
}
