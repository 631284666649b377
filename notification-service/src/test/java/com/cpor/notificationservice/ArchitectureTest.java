package com.cpor.notificationservice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain stays free of frameworks; other services are reached only through event-contracts. */
@AnalyzeClasses(packages = "com.cpor.notificationservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_has_no_framework_types = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "jakarta..", "tools.jackson..", "org.thymeleaf..", "com.cpor.platform..");

    @ArchTest
    static final ArchRule depends_on_other_services_only_through_event_contracts = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.cpor.claimservice..", "com.cpor.reviewservice..",
                    "com.cpor.consentservice..");

    @ArchTest
    static final ArchRule application_knows_no_adapters = noClasses()
            .that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("com.cpor.notificationservice..web..",
                    "com.cpor.notificationservice..persistence..", "com.cpor.notificationservice..messaging..",
                    "com.cpor.notificationservice..mail..", "org.springframework.jdbc..", "org.springframework.kafka..", "org.thymeleaf..",
                    "jakarta.mail..");
}
