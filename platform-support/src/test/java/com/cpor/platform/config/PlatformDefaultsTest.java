package com.cpor.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defaults that set what the platform costs (issue 13, measured by the lifecycle benchmark): every fallback look of a
 * background loop and every keepalive check of a pooled connection is a transaction, and every offset commit a broker
 * round trip and a write.
 */
class PlatformDefaultsTest {

    @Test
    void background_loops_fall_back_to_a_look_every_30_seconds() {
        PlatformProperties properties = Binder.get(new StandardEnvironment())
                .bindOrCreate("cpor", PlatformProperties.class);

        assertThat(properties.outbox().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.timers().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pooled_connections_are_kept_alive_every_3_minutes_unless_the_deployment_says_otherwise() {
        StandardEnvironment environment = withPlatformDefaults();

        assertThat(environment.getProperty("spring.datasource.hikari.keepalive-time", Long.class))
                .isEqualTo(Duration.ofMinutes(3).toMillis());
    }

    @Test
    void consumed_offsets_are_committed_every_5_seconds_not_after_every_poll() {
        StandardEnvironment environment = withPlatformDefaults();

        assertThat(environment.getProperty("spring.kafka.listener.ack-mode")).isEqualTo("time");
        assertThat(environment.getProperty("spring.kafka.listener.ack-time")).isEqualTo("5s");
    }

    private static StandardEnvironment withPlatformDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
