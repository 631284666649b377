package com.cpor.reviewservice;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * review-service on real Kafka and PostgreSQL, one context shared by all integration test classes.
 * Tests feed claim-service's events to {@code cpor.claims.v1} and read what the service publishes.
 */
@ServiceIntegrationTest
@Import(TestClockConfiguration.class)
public abstract class ReviewServiceTestBase {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static EventProbe probe;

    @LocalServerPort
    protected int port;
    @Autowired
    protected MutableClock clock;

    protected TestApi api;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.REVIEWS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @BeforeEach
    void connectApi() {
        api = new TestApi(port);
    }

    protected static void feed(CporEvent event) {
        probe.send(Topics.CLAIMS, event.claimId(), EventJson.write(event), Map.of());
    }

    /** Waits for the service to publish an event of this type for the claim, and reads it. */
    @SuppressWarnings("unchecked")
    protected static <E extends CporEvent> E published(Class<E> type, String claimId) {
        ConsumerRecord<String, String> record = probe.await(EventProbe.typed(CporEvent.typeNameOf(type), claimId), WAIT);
        return (E) EventJson.read(Topics.REVIEWS, record.value().getBytes());
    }

    /** Every event of this type published for the claim so far, after a quiet period. */
    protected static List<ConsumerRecord<String, String>> allPublished(Class<? extends CporEvent> type, String claimId,
                                                                       Duration quietPeriod) {
        String typeName = CporEvent.typeNameOf(type);
        return probe.drain(quietPeriod).stream().filter(EventProbe.typed(typeName, claimId)).toList();
    }
}
