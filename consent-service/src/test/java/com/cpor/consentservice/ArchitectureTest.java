package com.cpor.consentservice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.cpor.consentservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_is_free_of_frameworks_and_infrastructure = noClasses()
            .that().resideInAPackage("..consent.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "jakarta..", "tools.jackson..", "com.fasterxml.jackson.databind..",
                    "com.cpor.platform..")
            .because("the domain holds the consent rules only");

    @ArchTest
    static final ArchRule domain_does_not_reach_outwards = noClasses()
            .that().resideInAPackage("..consent.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..consent.application..", "..consent.web..",
                    "..consent.messaging..", "..consent.persistence..", "..config..");

    @ArchTest
    static final ArchRule use_cases_do_not_know_the_adapters = noClasses()
            .that().resideInAPackage("..consent.application..")
            .should().dependOnClassesThat().resideInAnyPackage("..consent.web..", "..consent.messaging..",
                    "..consent.persistence..", "org.springframework.jdbc..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule other_services_only_through_event_contracts = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.cpor.claimservice..", "com.cpor.reviewservice..",
                    "com.cpor.notificationservice..")
            .because("services talk through the topics of event-contracts only");
}
