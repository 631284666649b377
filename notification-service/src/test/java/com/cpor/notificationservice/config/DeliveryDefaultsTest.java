package com.cpor.notificationservice.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryDefaultsTest {

    /** Each look of an idle sender is two transactions; queued mail and retries falling due wake it anyway. */
    @Test
    void an_idle_sender_falls_back_to_a_look_every_30_seconds() {
        NotificationProperties properties = Binder.get(new StandardEnvironment())
                .bindOrCreate("cpor.notifications", NotificationProperties.class);

        assertThat(properties.delivery().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
    }
}
