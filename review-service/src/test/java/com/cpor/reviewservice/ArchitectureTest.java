package com.cpor.reviewservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cpor.reviewservice");

    @Test
    void the_domain_knows_no_framework_messaging_or_database() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
                        "tools.jackson..", "com.cpor.platform..", "jakarta..", "io.micrometer..")
                .check(SERVICE);
    }

    @Test
    void the_domain_does_not_reach_into_the_adapters() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..application..", "..web..", "..messaging..",
                        "..persistence..", "..config..")
                .check(SERVICE);
    }

    @Test
    void other_services_are_reached_only_through_event_contracts() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "com.cpor.claimservice..", "com.cpor.consentservice..", "com.cpor.notificationservice..")
                .check(SERVICE);
    }

    @Test
    void web_and_messaging_adapters_go_through_the_application_layer() {
        noClasses().that().resideInAnyPackage("..web..", "..messaging..")
                .should().dependOnClassesThat().resideInAPackage("..persistence..")
                .check(SERVICE);
    }
}
