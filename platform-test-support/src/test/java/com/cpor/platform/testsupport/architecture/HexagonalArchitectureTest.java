package com.cpor.platform.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each shared rule passes on a service laid out as the house expects ({@code com.cpor.orderservice}) and fails on a
 * fixture that breaks it ({@code com.cpor.brokenservice.*}) or on no classes at all, so no rule can pass vacuously.
 */
class HexagonalArchitectureTest {

    private static final List<ArchRule> RULES = List.of(
            HexagonalArchitecture.domain_depends_only_on_the_jdk_and_event_contracts,
            HexagonalArchitecture.application_depends_on_no_adapter,
            HexagonalArchitecture.adapters_do_not_depend_on_each_other,
            HexagonalArchitecture.persistence_adapters_implement_application_ports,
            HexagonalArchitecture.other_services_are_reached_only_through_event_contracts,
            HexagonalArchitecture.web_records_carry_no_domain_records);

    @Test
    void a_service_laid_out_as_ports_and_adapters_passes_every_rule() {
        JavaClasses service = classes("com.cpor.orderservice");
        for (ArchRule rule : RULES) {
            assertThatCode(() -> rule.check(service)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    @Test
    void every_rule_fails_when_it_finds_no_classes_to_check() {
        JavaClasses nothing = classes("com.cpor.no.such.service");
        for (ArchRule rule : RULES) {
            assertThatThrownBy(() -> rule.check(nothing)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void a_domain_class_with_a_jackson_type_breaks_the_domain_rule() {
        assertViolation(HexagonalArchitecture.domain_depends_only_on_the_jdk_and_event_contracts,
                "com.cpor.brokenservice.frameworkdomain", "tools.jackson.databind.JsonNode");
    }

    @Test
    void a_use_case_calling_a_persistence_class_breaks_the_application_rule() {
        assertViolation(HexagonalArchitecture.application_depends_on_no_adapter,
                "com.cpor.brokenservice.adapteruse", "persistence.JdbcOrders");
    }

    @Test
    void a_use_case_talking_jdbc_breaks_the_application_rule() {
        assertViolation(HexagonalArchitecture.application_depends_on_no_adapter,
                "com.cpor.brokenservice.jdbcuse", "java.sql.Connection");
    }

    @Test
    void a_web_adapter_calling_the_messaging_adapter_breaks_the_adapter_rule() {
        assertViolation(HexagonalArchitecture.adapters_do_not_depend_on_each_other,
                "com.cpor.brokenservice.adaptercoupling", "messaging.OrderPublisher");
    }

    @Test
    void a_repository_implementing_no_port_breaks_the_port_rule() {
        assertViolation(HexagonalArchitecture.persistence_adapters_implement_application_ports,
                "com.cpor.brokenservice.portless", "portless.persistence.JdbcOrders implements no interface");
    }

    @Test
    void a_class_using_another_services_domain_breaks_the_event_contracts_rule() {
        assertViolation(HexagonalArchitecture.other_services_are_reached_only_through_event_contracts,
                "com.cpor.brokenservice.crossing", "com.cpor.orderservice.order.domain.Order");
    }

    @Test
    void a_web_record_carrying_a_list_of_domain_records_breaks_the_web_records_rule() {
        assertViolation(HexagonalArchitecture.web_records_carry_no_domain_records,
                "com.cpor.brokenservice.domainleak", "carries the domain record com.cpor.brokenservice.domainleak.domain.Total");
    }

    @Test
    void a_service_is_named_by_the_package_below_com_cpor() {
        assertThat(HexagonalArchitecture.serviceOf("com.cpor.claimservice.claim.web")).isEqualTo("com.cpor.claimservice");
        assertThat(HexagonalArchitecture.serviceOf("com.cpor.claimservice")).isEqualTo("com.cpor.claimservice");
        assertThat(HexagonalArchitecture.serviceOf("org.example.web")).isNull();
    }

    private static void assertViolation(ArchRule rule, String fixture, String offender) {
        assertThatThrownBy(() -> rule.check(classes(fixture)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender);
    }

    private static JavaClasses classes(String packageName) {
        return new ClassFileImporter().importPackages(packageName);
    }
}
