package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.ConsentServiceTest;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.testsupport.CommittedOpenApi;
import com.cpor.platform.testsupport.fuzz.OpenApiFuzzer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.cpor.consentservice.ConsentFixtures.awaitEvent;
import static com.cpor.consentservice.ConsentFixtures.newClaimId;
import static com.cpor.consentservice.ConsentFixtures.publish;
import static com.cpor.consentservice.ConsentFixtures.statusChanged;
import static com.cpor.consentservice.ConsentFixtures.tokenOf;
import static com.cpor.devinfra.DevUser.STAFF;

/**
 * Requests generated from consent-service's own OpenAPI document (see {@link OpenApiFuzzer}): no 5xx, no answer
 * slower than 1 s, every API error application/problem+json. The customer's consent pages are hidden from the
 * document; they are fuzzed on their link token too, and may answer errors as HTML pages (a browser shows them).
 */
@ConsentServiceTest
class OpenApiFuzzIT {

    private static EventProbe probe;

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CONSENTS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void hostile_requests_generated_from_the_openapi_document_get_fast_problem_answers_and_never_a_5xx() {
        OpenApiFuzzer.against("consent-service", port)
                .as(STAFF)
                .pathValue("claimId", () -> openWindow().key())
                .pathValue("token", () -> tokenOf(openWindow()))
                .page("GET", "/consent/{token}")
                .page("POST", "/consent/{token}/decline")
                .page("GET", "/consent/{token}/decline")
                .run()
                .assertNoFindings();
    }

    /** An approved claim's open consent window: its ConsentRequested event. */
    private ConsumerRecord<String, String> openWindow() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        return awaitEvent(probe, "consent.requested", claimId);
    }

    @Test
    void the_served_openapi_document_is_the_committed_one() {
        CommittedOpenApi.assertServedDocumentIsCommitted("consent-service", port);
    }
}
