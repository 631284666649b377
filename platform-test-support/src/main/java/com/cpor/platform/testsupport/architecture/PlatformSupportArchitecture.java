package com.cpor.platform.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of platform-support (docs/architecture.md): one package per mechanism (outbox, inbox, timers,
 * messaging, calendar, retention, security, web, ...), with no package cycles; the mechanisms take their settings as
 * their own records and know nothing of the config package that wires them (an auto-configuration elsewhere may
 * order itself after config's); no service code.
 * Applied by platform-support's {@code ArchitectureTest} with {@code ArchTests.in(PlatformSupportArchitecture.class)}.
 */
public final class PlatformSupportArchitecture {

    static final String ROOT = "com.cpor.platform";

    @ArchTest
    public static final ArchRule packages_are_free_of_cycles = packagesFreeOfCycles(ROOT);

    @ArchTest
    public static final ArchRule mechanisms_do_not_depend_on_the_config_package = mechanismsApartFromConfig(ROOT);

    @ArchTest
    public static final ArchRule platform_depends_on_no_service = dependsOnNoService(ROOT);

    private PlatformSupportArchitecture() {
    }

    /** Slices {@code <root>.(*)..} (one per top-level package) must not form a cycle. */
    public static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the packages of " + root + " are free of cycles")
                .because("each package is one mechanism that can be understood, changed and tested on its own")
                .allowEmptyShould(false);
    }

    /** Outside {@code <root>.config}, only auto-configurations may depend on it. */
    public static ArchRule mechanismsApartFromConfig(String root) {
        return noClasses()
                .that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".config..")
                .and().areNotAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage(root + ".config..")
                .as("platform mechanisms (all but auto-configurations) do not depend on the config package")
                .because("config wires the mechanisms (auto-configuration, shared properties); a mechanism that "
                        + "reached back into it would make a package cycle and could not be used or tested on its own")
                .allowEmptyShould(false);
    }

    /** Classes under {@code root} depend on no {@code com.cpor} code but their own and event-contracts. */
    public static ArchRule dependsOnNoService(String root) {
        return noClasses()
                .that().resideInAPackage(root + "..")
                .should(dependOnServiceCode(root))
                .as("platform-support depends on no service")
                .because("every service builds on the platform; the platform knows only event-contracts")
                .allowEmptyShould(false);
    }

    private static ArchCondition<JavaClass> dependOnServiceCode(String root) {
        return new ArchCondition<>("depend on a service's classes") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String name = target.getPackageName();
                    if (name.startsWith("com.cpor.") && !(name + ".").startsWith(root + ".")
                            && !HexagonalArchitecture.SHARED.test(target)) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }
}
