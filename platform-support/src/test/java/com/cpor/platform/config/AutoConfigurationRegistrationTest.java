package com.cpor.platform.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One auto-configuration per concern means many small classes: one left out of
 * {@code META-INF/spring/...AutoConfiguration.imports} would silently take its beans out of every service.
 * (Read from the class files: a classpath scan would skip those whose conditions do not match here.)
 */
class AutoConfigurationRegistrationTest {

    @Test
    void every_auto_configuration_of_the_platform_is_registered_and_every_registered_one_exists() {
        Set<String> declared = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("com.cpor.platform").stream()
                .filter(type -> type.isAnnotatedWith(AutoConfiguration.class))
                .map(JavaClass::getName).collect(Collectors.toSet());
        Set<String> registered = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates().stream().filter(name -> name.startsWith("com.cpor.platform."))
                .collect(Collectors.toSet());

        assertThat(declared).contains(OutboxAutoConfiguration.class.getName(), InboxAutoConfiguration.class.getName(),
                DeadLetterAutoConfiguration.class.getName(), TopicsAutoConfiguration.class.getName(),
                "com.cpor.platform.web.container.ContainerErrorsAutoConfiguration");
        assertThat(registered).containsExactlyInAnyOrderElementsOf(declared);
    }
}
