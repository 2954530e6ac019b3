package dev.plinth.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("maven", 8);
  }

  @Test
  void mavenPlugin_usesOnlyApiManifestInstallerAndAudit() {
    PlinthArchRules.assertLayering(classes, "maven", Set.of("api", "manifest", "installer", "audit"));
  }

  @Test
  void mavenPlugin_usesNoOtherModulesInternals() {
    PlinthArchRules.assertNoForeignInternal(classes, "maven");
  }

  @Test
  void mavenPlugin_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void mavenPlugin_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
