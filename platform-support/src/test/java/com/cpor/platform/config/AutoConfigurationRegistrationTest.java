package com.cpor.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One auto-configuration per concern means many small classes: one left out of
 * {@code META-INF/spring/...AutoConfiguration.imports} would silently take its beans out of every service.
 * (Read from this module's class files: a component scan would skip those whose conditions do not match here, and
 * an ArchUnit import of the package resolved half the class path, 15 s of the module's build.)
 */
class AutoConfigurationRegistrationTest {

    @Test
    void every_auto_configuration_of_the_platform_is_registered_and_every_registered_one_exists() throws IOException {
        Set<String> declared = new HashSet<>();
        String mainClasses = OutboxAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation()
                + "com/cpor/platform/**/*.class";
        SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
        for (Resource classFile : new PathMatchingResourcePatternResolver().getResources(mainClasses)) {
            MetadataReader reader = readers.getMetadataReader(classFile);
            if (reader.getAnnotationMetadata().hasAnnotation(AutoConfiguration.class.getName())) {
                declared.add(reader.getClassMetadata().getClassName());
            }
        }
        Set<String> registered = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates().stream().filter(name -> name.startsWith("com.cpor.platform."))
                .collect(Collectors.toSet());

        assertThat(declared).contains(OutboxAutoConfiguration.class.getName(), InboxAutoConfiguration.class.getName(),
                DeadLetterAutoConfiguration.class.getName(), TopicsAutoConfiguration.class.getName(),
                "com.cpor.platform.web.container.ContainerErrorsAutoConfiguration");
        assertThat(registered).containsExactlyInAnyOrderElementsOf(declared);
    }
}
