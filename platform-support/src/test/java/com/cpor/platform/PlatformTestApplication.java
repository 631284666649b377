package com.cpor.platform;

import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewEvent;
import com.cpor.platform.inbox.Inbox;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.testsupport.TestClockConfiguration;
import com.cpor.platform.timers.DueTimer;
import com.cpor.platform.timers.TimerHandler;
import io.micrometer.tracing.Tracer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;

/** A minimal service on the platform foundation: one consumer, one timer kind, a table of effects; the test clock. */
@SpringBootApplication
@Import(TestClockConfiguration.class)
public class PlatformTestApplication {

    static final String FAILING_TIMER = "always-fails";

    @Bean
    ReviewListener reviewListener(Inbox inbox, JdbcClient jdbc, Tracer tracer) {
        return new ReviewListener(inbox, jdbc, tracer);
    }

    @Bean
    TimerHandler recordingTimer(JdbcClient jdbc) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return "record";
            }

            @Override
            public void onDue(DueTimer timer) {
                recordEffect(jdbc, timer.claimId(), "timer:" + timer.timerId());
            }
        };
    }

    @Bean
    TimerHandler failingTimer() {
        return new TimerHandler() {
            @Override
            public String kind() {
                return FAILING_TIMER;
            }

            @Override
            public void onDue(DueTimer timer) {
                throw new IllegalStateException("handler failure for " + timer.timerId());
            }
        };
    }

    static void recordEffect(JdbcClient jdbc, String claimId, String what) {
        jdbc.sql("INSERT INTO test_effect (claim_id, what) VALUES (?, ?)").params(claimId, what).update();
    }

    static class ReviewListener {
        private final Inbox inbox;
        private final JdbcClient jdbc;
        private final Tracer tracer;

        ReviewListener(Inbox inbox, JdbcClient jdbc, Tracer tracer) {
            this.inbox = inbox;
            this.jdbc = jdbc;
            this.tracer = tracer;
        }

        @KafkaListener(topics = "cpor.reviews.v1")
        void on(ReviewEvent event) {
            if (event instanceof ReviewApproved approved && "poison".equals(approved.comment())) {
                throw new PoisonEventException("business rule violated by " + approved.eventId());
            }
            inbox.processOnce("test-reviews", event, e -> {
                recordEffect(jdbc, e.claimId(), e.typeName());
                if (tracer.currentSpan() != null) {
                    recordEffect(jdbc, e.claimId(), "trace:" + tracer.currentSpan().context().traceId());
                }
            });
        }
    }
}
