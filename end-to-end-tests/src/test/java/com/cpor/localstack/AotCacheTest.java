package com.cpor.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed training costs: only the speed-up, once. The service jar is real (built before this module); its
 * training run is given a setting it refuses, so it fails at once, as a run that cannot reach its database fails
 * later.
 */
class AotCacheTest {

    private static final Path HOME = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final List<String> REFUSED_SETTING = List.of("--spring.main.banner-mode=no-such-mode");

    @Test
    void a_failed_training_starts_the_service_from_its_extracted_jar_without_a_cache_and_is_not_tried_again(
            @TempDir Path module) throws IOException {
        Path jar = Files.copy(HOME.resolve("consent-service/target/consent-service.jar"),
                Files.createDirectories(module.resolve("target")).resolve("consent-service.jar"));

        AotCache.Launch first = AotCache.launch(jar, FLAGS, REFUSED_SETTING, Map.of());

        assertThat(first.jar().toString()).contains("/target/aot/").endsWith("consent-service.jar");
        assertThat(first.jvmOptions()).noneMatch(option -> option.startsWith("-XX:AOTCache"));
        Path trainingLog = only(module, ".training.log");
        assertThat(only(module, ".failed")).isRegularFile();
        Files.delete(trainingLog);

        AotCache.Launch second = AotCache.launch(jar, FLAGS, REFUSED_SETTING, Map.of());

        assertThat(second).isEqualTo(first);
        assertThat(trainingLog).as("no second training run").doesNotExist();
    }

    @Test
    void switched_off_the_service_starts_from_its_executable_jar_as_is(@TempDir Path module) {
        String before = System.getProperty(AotCache.ENABLED_PROPERTY);
        System.setProperty(AotCache.ENABLED_PROPERTY, "false");
        try {
            Path jar = module.resolve("target/claim-service.jar");

            assertThat(AotCache.launch(jar, FLAGS, List.of(), Map.of())).isEqualTo(new AotCache.Launch(FLAGS, jar));
            assertThat(module.resolve("target/aot")).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty(AotCache.ENABLED_PROPERTY);
            } else {
                System.setProperty(AotCache.ENABLED_PROPERTY, before);
            }
        }
    }

    private static Path only(Path module, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(module.resolve("target/aot"))) {
            List<Path> found = files.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("files *" + suffix).hasSize(1);
            return found.getFirst();
        }
    }
}
