package com.cpor.claimservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the layout honest: a framework-free domain, and other services reached only through event-contracts. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cpor.claimservice");

    @Test
    void the_domain_has_no_spring_kafka_jdbc_or_web_types() {
        noClasses().that().resideInAPackage("..claim.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "javax.sql..", "jakarta..", "tools.jackson..", "com.cpor.platform..",
                        "..claim.application..", "..claim.web..", "..claim.persistence..", "..claim.messaging..")
                .check(CLASSES);
    }

    @Test
    void the_service_depends_on_other_services_only_through_event_contracts() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.cpor.reviewservice..",
                        "com.cpor.consentservice..", "com.cpor.notificationservice..")
                .check(CLASSES);
    }

    @Test
    void web_and_messaging_adapters_do_not_reach_each_other() {
        noClasses().that().resideInAPackage("..claim.web..")
                .should().dependOnClassesThat().resideInAPackage("..claim.messaging..").check(CLASSES);
        noClasses().that().resideInAPackage("..claim.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("..claim.web..", "..claim.persistence..").check(CLASSES);
    }
}
