package com.cpor.notificationservice.notification.mail;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** An idle instance queries for mail once per look of worker 0, however many sender threads it runs. */
class DispatchLoopTest {

    @Test
    void the_first_worker_looks_for_mail_every_round_the_others_only_in_their_first_unless_woken() {
        DispatchLoop loop = loop(3);

        List<Boolean> first = IntStream.range(0, 20).mapToObj(round -> loop.looksForMail(0)).toList();
        List<Boolean> second = IntStream.range(0, 20).mapToObj(round -> loop.looksForMail(1)).toList();

        assertThat(first).containsOnly(true);
        assertThat(IntStream.range(0, 20).filter(second::get).boxed().toList()).containsExactly(0);
    }

    @Test
    void a_worker_woken_for_queued_mail_looks_for_it_in_its_next_round() {
        DispatchLoop loop = loop(2);
        loop.looksForMail(1);

        loop.mailQueued();
        loop.mailQueued();

        assertThat(loop.looksForMail(1)).as("woken by the second mail").isTrue();
        assertThat(loop.looksForMail(1)).as("not woken again").isFalse();
    }

    private static DispatchLoop loop(int workers) {
        return new DispatchLoop(null, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(10), false, workers);
    }
}
