package dev.plinth.api.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;

/**
 * The layering rules of DESIGN.md section 1, shared by every module's {@code ArchitectureTest}
 * through this module's test jar. Each check also asserts that it looked at enough classes, so a
 * wrong package name cannot make it pass vacuously.
 */
public final class PlinthArchRules {
  /** Modules in layering order; a module may depend only on modules to its left (and not all of them). */
  public static final List<String> MODULES =
      List.of("api", "manifest", "audit", "hooks", "installer", "runtime", "metrics", "testkit", "cli");

  private PlinthArchRules() {}

  /** Imports the production classes of one module package ({@code dev.plinth.<module>}). */
  public static JavaClasses importModule(String module, int minimumClasses) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.plinth." + module);
    assertThat(classes.size())
        .as("classes analysed in dev.plinth.%s", module)
        .isGreaterThanOrEqualTo(minimumClasses);
    return classes;
  }

  /** No class of this module uses a module that sits at or to its right, except those allowed. */
  public static void assertLayering(JavaClasses classes, String module, Set<String> allowed) {
    for (String other : MODULES) {
      if (other.equals(module) || allowed.contains(other)) {
        continue;
      }
      ArchRule rule =
          noClasses()
              .should()
              .dependOnClassesThat()
              .resideInAPackage("dev.plinth." + other + "..")
              .because("DESIGN.md section 1 forbids dev.plinth." + module + " -> dev.plinth." + other);
      rule.check(classes);
    }
  }

  /** No class uses another module's {@code internal} package. */
  public static void assertNoForeignInternal(JavaClasses classes, String module) {
    noClasses()
        .should()
        .dependOnClassesThat(
            new DescribedPredicate<JavaClass>("reside in another module's internal package") {
              @Override
              public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return p.startsWith("dev.plinth.")
                    && p.contains(".internal")
                    && !p.startsWith("dev.plinth." + module + ".");
              }
            })
        .check(classes);
  }

  /** Every package holding classes has a package-info annotated {@code @NullMarked}. */
  public static void assertAllPackagesNullMarked(JavaClasses classes) {
    Set<String> missing = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (JavaClass c : classes) {
      JavaPackage p = c.getPackage();
      seen.add(p.getName());
      if (!p.isAnnotatedWith(NullMarked.class)) {
        missing.add(p.getName());
      }
    }
    assertThat(seen).as("packages analysed").isNotEmpty();
    assertThat(missing).as("packages without @NullMarked package-info").isEmpty();
  }

  /** Library code never writes to System.out or System.err. */
  public static void assertNoStandardStreams(JavaClasses classes) {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("library code logs through slf4j or returns results; it never prints")
        .check(classes);
  }

  /** Only the named third-party packages (and the JDK) may be used. */
  public static void assertOnlyDependsOn(JavaClasses classes, String... packages) {
    String[] all = new String[packages.length + 2];
    all[0] = "java..";
    all[1] = "dev.plinth..";
    System.arraycopy(packages, 0, all, 2, packages.length);
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(all)
        .check(classes);
  }
}
