package com.cpor.platform.retention;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionAutoConfigurationTest {

    @Test
    void the_default_inbox_retention_outlives_the_default_topic_and_dead_letter_retention() {
        assertThatCode(() -> RetentionAutoConfiguration.requireInboxOutlivesRedelivery(Duration.ofDays(45),
                new MockEnvironment())).doesNotThrowAnyException();
    }

    @Test
    void an_inbox_retention_shorter_than_a_topic_retention_refuses_to_start() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("cpor.messaging.retention", "60d")
                .withProperty("cpor.messaging.dead-letter-retention", "30d");

        assertThatThrownBy(() -> RetentionAutoConfiguration.requireInboxOutlivesRedelivery(Duration.ofDays(45),
                environment)).hasMessageContaining("cpor.retention.inbox").hasMessageContaining("PT1440H");
        assertThatThrownBy(() -> RetentionAutoConfiguration.requireInboxOutlivesRedelivery(Duration.ofDays(30),
                new MockEnvironment())).hasMessageContaining("applied twice");
    }
}
