package com.cpor.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an idle service costs the database by default (issue 13's idle target, measured by the lifecycle benchmark):
 * every fallback look of a background loop and every keepalive check of a pooled connection is a transaction, so
 * these settings set the idle commit rate.
 */
class IdleCostDefaultsTest {

    @Test
    void background_loops_fall_back_to_a_look_every_30_seconds() {
        PlatformProperties properties = Binder.get(new StandardEnvironment())
                .bindOrCreate("cpor", PlatformProperties.class);

        assertThat(properties.outbox().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.timers().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pooled_connections_are_kept_alive_every_3_minutes_unless_the_deployment_says_otherwise() {
        StandardEnvironment environment = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.hikari.keepalive-time", Long.class))
                .isEqualTo(Duration.ofMinutes(3).toMillis());
    }
}
