package com.cpor.platform.testsupport;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One Kafka version everywhere: the clients, the tests' broker (embedded or container) and docker compose. */
class KafkaVersionsTest {

    private static final String CLIENTS = AppInfoParser.getVersion();

    @Test
    void the_tests_container_broker_runs_the_clients_version() {
        assertThat(ContainerKafka.IMAGE).isEqualTo("apache/kafka-native:" + CLIENTS);
    }

    @Test
    void docker_compose_runs_the_clients_version() throws Exception {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        Matcher image = Pattern.compile("image: apache/kafka:(\\S+)").matcher(compose);

        assertThat(image.find()).as("docker-compose.yml names an apache/kafka image").isTrue();
        assertThat(image.group(1)).isEqualTo(CLIENTS);
    }

    @Test
    void the_embedded_broker_runs_the_clients_version() throws Exception {
        // the embedded KRaft broker is the kafka server jar on the classpath (named <artifact>-<version>.jar)
        String brokerJar = Class.forName("kafka.server.KafkaConfig").getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(brokerJar).endsWith("-" + CLIENTS + ".jar");
    }
}
