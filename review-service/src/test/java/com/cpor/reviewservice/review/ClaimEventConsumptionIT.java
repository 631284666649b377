package com.cpor.reviewservice.review;

import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.reviewservice.ReviewServiceTestBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.devinfra.DevUser.REVIEWER;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.snapshot;
import static com.cpor.reviewservice.ClaimEvents.statusChanged;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimEventConsumptionIT extends ReviewServiceTestBase {

    @Test
    void unreadable_and_impossible_claim_events_are_dead_lettered_and_the_partition_keeps_flowing() {
        try (EventProbe deadLetters = new EventProbe(Infrastructure.kafka().bootstrapServers(),
                Topics.deadLetterOf(Topics.CLAIMS))) {
            String claimId = newClaimId();
            probe.send(Topics.CLAIMS, claimId, "{not json", Map.of());
            ClaimSubmitted mismatched = new ClaimSubmitted(UUID.randomUUID(), clock.instant(), claimId, null,
                    snapshot("c-someone-else", ClaimStatus.SUBMITTED, List.of(), clock.instant()));
            feed(mismatched);
            feed(submitted(claimId, clock.instant()));

            published(ReviewQueued.class, claimId);
            deadLetters.await(r -> claimId.equals(r.key()) && r.value().startsWith("{not json"), WAIT);
            ConsumerRecord<String, String> poison = deadLetters.await(
                    r -> claimId.equals(r.key()) && r.value().contains("c-someone-else"), WAIT);
            assertThat(EventProbe.header(poison, "kafka_dlt-exception-message")).contains("carries a snapshot of claim");
            assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/claim/claimId").asString())
                    .isEqualTo(claimId);
        }
    }

    @Test
    void events_of_claims_that_never_reached_review_are_ignored() {
        String neverSubmitted = newClaimId();
        feed(statusChanged(neverSubmitted, ClaimStatus.EDITING, ClaimStatus.EDITING, clock.instant()));
        String marker = newClaimId();
        feed(submitted(marker, clock.instant()));

        published(ReviewQueued.class, marker);
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + neverSubmitted).status()).isEqualTo(404);
        assertThat(probe.drain(Duration.ofMillis(300))).noneMatch(r -> neverSubmitted.equals(r.key()));
    }

    @Test
    void the_openapi_document_describes_the_review_api_without_a_token() {
        var document = api.as(null).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").propertyNames()).contains(
                "/api/v1/reviews", "/api/v1/reviews/{claimId}", "/api/v1/reviews/{claimId}/start",
                "/api/v1/reviews/{claimId}/approve", "/api/v1/reviews/{claimId}/reject",
                "/api/v1/reviews/{claimId}/request-partner-action", "/api/v1/reviews/{claimId}/dispute-decision",
                "/api/v1/reviews/{claimId}/reassign");
        assertThat(EventJson.mapper().writeValueAsString(document.json().at("/components/schemas/Reject")))
                .contains("INSUFFICIENT_POE");
        assertThat(EventJson.mapper().writeValueAsString(document.json().at("/paths")))
                .as("the caller comes from the token, not from parameters").doesNotContain("\"partnerIds\"");
    }
}
