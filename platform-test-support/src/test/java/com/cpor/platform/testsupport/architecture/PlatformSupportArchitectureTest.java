package com.cpor.platform.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** platform-support's rules, checked against fixtures under {@code com.cpor.archfixture.platform}. */
class PlatformSupportArchitectureTest {

    private static final String ROOT = "com.cpor.archfixture.platform";

    @Test
    void two_packages_that_need_each_other_are_a_cycle() {
        assertThatThrownBy(() -> PlatformSupportArchitecture.packagesFreeOfCycles(ROOT + ".cycle").check(classes(ROOT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void packages_that_depend_one_way_are_no_cycle() {
        assertThatCode(() -> PlatformSupportArchitecture.packagesFreeOfCycles("com.cpor.orderservice.order")
                .check(classes("com.cpor.orderservice"))).doesNotThrowAnyException();
    }

    @Test
    void a_mechanism_reading_settings_from_config_breaks_the_config_rule() {
        assertThatThrownBy(() -> PlatformSupportArchitecture.mechanismsApartFromConfig(ROOT).check(classes(ROOT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("outbox.Relay")
                .hasMessageContaining("config.RelaySettings");
    }

    @Test
    void platform_code_that_knows_a_service_breaks_the_service_rule() {
        assertThatThrownBy(() -> PlatformSupportArchitecture.dependsOnNoService(ROOT).check(classes(ROOT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.cpor.orderservice.order.domain.Order");
    }

    @Test
    void the_rules_fail_when_they_find_no_classes_to_check() {
        JavaClasses nothing = classes("com.cpor.no.such.platform");
        assertThatThrownBy(() -> PlatformSupportArchitecture.packagesFreeOfCycles("com.cpor.no.such.platform")
                .check(nothing)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PlatformSupportArchitecture.mechanismsApartFromConfig("com.cpor.no.such.platform")
                .check(nothing)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PlatformSupportArchitecture.dependsOnNoService("com.cpor.no.such.platform")
                .check(nothing)).isInstanceOf(AssertionError.class);
    }

    private static JavaClasses classes(String packageName) {
        return new ClassFileImporter().importPackages(packageName);
    }
}
