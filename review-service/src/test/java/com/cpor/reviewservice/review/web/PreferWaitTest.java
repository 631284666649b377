package com.cpor.reviewservice.review.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreferWaitTest {

    @Test
    void a_wait_in_seconds_is_read_alone_or_beside_other_preferences() {
        assertThat(PreferWait.requested(List.of("wait=5"))).contains(Duration.ofSeconds(5));
        assertThat(PreferWait.requested(List.of("respond-async, wait=10"))).contains(Duration.ofSeconds(10));
        assertThat(PreferWait.requested(List.of("return=minimal", " WAIT = \"7\" ; x=y"))).contains(Duration.ofSeconds(7));
    }

    @Test
    void the_first_wait_counts() {
        assertThat(PreferWait.requested(List.of("wait=3, wait=30"))).contains(Duration.ofSeconds(3));
    }

    @Test
    void a_missing_zero_or_malformed_wait_is_ignored_and_answers_at_once() {
        assertThat(PreferWait.requested(null)).isEmpty();
        assertThat(PreferWait.requested(List.of("return=minimal"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=0"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=-5"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=2.5"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=99999999999"))).isEqualTo(Optional.empty());
    }
}
