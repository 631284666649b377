package com.cpor.reviewservice.review;

import com.cpor.events.claims.ClaimEdited;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.reviewservice.ReviewServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static com.cpor.devinfra.DevUser.REVIEWER;
import static com.cpor.reviewservice.ClaimEvents.PARTNER;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.renamed;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A claim snapshot is applied only if it is at least as new (claim version) as the one the review holds. */
class ClaimSnapshotOrderIT extends ReviewServiceTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_older_snapshot_delivered_after_a_newer_one_does_not_overwrite_it() {
        String claimId = newClaimId();
        ClaimSubmitted submission = submitted(claimId, clock.instant());
        feed(submission);
        published(ReviewQueued.class, claimId);
        ClaimEdited newer = new ClaimEdited(UUID.randomUUID(), clock.instant(), claimId, PARTNER, List.of("name"),
                renamed(submission.claim(), "Renamed at version 3", 3));
        ClaimEdited older = new ClaimEdited(UUID.randomUUID(), clock.instant(), claimId, PARTNER, List.of("name"),
                renamed(submission.claim(), "Renamed at version 2", 2));

        feed(newer);
        feed(older); // e.g. replayed from a dead-letter topic after the newer one was applied
        await().atMost(WAIT).until(() -> processed(older.eventId()));

        var claim = api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/claim");
        assertThat(claim.path("name").asString()).isEqualTo("Renamed at version 3");
        assertThat(claim.path("version").asLong()).isEqualTo(3);
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId)
                .query(Long.class).single() == 1;
    }
}
