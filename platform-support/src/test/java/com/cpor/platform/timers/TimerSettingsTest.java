package com.cpor.platform.timers;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A batch binds every timer's values in a few statements: a size PostgreSQL cannot take is refused at start-up. */
class TimerSettingsTest {

    @Test
    void a_batch_size_of_1_to_1000_is_taken() {
        assertThat(settings(1, 4).batchSize()).isEqualTo(1);
        assertThat(settings(TimerSettings.MAX_BATCH_SIZE, 4).batchSize()).isEqualTo(1000);
    }

    @Test
    void a_batch_size_past_what_one_statement_can_bind_or_below_one_is_refused_and_named() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(10_000, 4))
                .withMessageContaining("cpor.timers.batch-size").withMessageContaining("10000");
        assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 4))
                .withMessageContaining("cpor.timers.batch-size");
    }

    @Test
    void fewer_than_one_worker_is_refused_and_named() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(200, 0))
                .withMessageContaining("cpor.timers.workers");
    }

    private static TimerSettings settings(int batchSize, int workers) {
        return new TimerSettings(true, Duration.ofMillis(500), Duration.ofSeconds(10), batchSize, 10, Duration.ofSeconds(30), workers);
    }
}
