package com.cpor.reviewservice.review.web;

import com.cpor.events.reviews.ReviewQueued;
import com.cpor.platform.testsupport.CommittedOpenApi;
import com.cpor.platform.testsupport.fuzz.OpenApiFuzzer;
import com.cpor.reviewservice.ReviewServiceTestBase;
import org.junit.jupiter.api.Test;

import static com.cpor.devinfra.DevUser.REVIEW_LEAD;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.submitted;

/**
 * Requests generated from review-service's own OpenAPI document, with hostile values in every body field, path and
 * query parameter (see {@link OpenApiFuzzer}): no 5xx, no answer slower than 1 s, every error
 * application/problem+json. Path ids are queued reviews, so reviewer actions reach the workflow.
 */
class OpenApiFuzzIT extends ReviewServiceTestBase {

    @Test
    void hostile_requests_generated_from_the_openapi_document_get_fast_problem_answers_and_never_a_5xx() {
        OpenApiFuzzer.against("review-service", port)
                .as(REVIEW_LEAD)
                .pathValue("claimId", this::queuedReview)
                .run()
                .assertNoFindings();
    }

    private String queuedReview() {
        String claimId = newClaimId();
        feed(submitted(claimId, clock.instant()));
        published(ReviewQueued.class, claimId);
        return claimId;
    }

    @Test
    void the_served_openapi_document_is_the_committed_one() {
        CommittedOpenApi.assertServedDocumentIsCommitted("review-service", port);
    }
}
