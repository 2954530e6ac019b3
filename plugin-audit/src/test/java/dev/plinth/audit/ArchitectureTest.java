package dev.plinth.audit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.plinth.api.arch.PlinthArchRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = PlinthArchRules.importModule("audit", 4);
  }

  @Test
  void audit_dependsOnlyOnManifestAndApi() {
    PlinthArchRules.assertLayering(classes, "audit", Set.of("api", "manifest"));
    PlinthArchRules.assertNoForeignInternal(classes, "audit");
  }

  @Test
  void audit_usesOnlyAsmAmongLibraries() {
    PlinthArchRules.assertOnlyDependsOn(classes, "org.objectweb.asm..", "org.jspecify..", "org.apiguardian..");
  }

  @Test
  void audit_everyPackageIsNullMarked() {
    PlinthArchRules.assertAllPackagesNullMarked(classes);
  }

  @Test
  void audit_neverPrints() {
    PlinthArchRules.assertNoStandardStreams(classes);
  }
}
