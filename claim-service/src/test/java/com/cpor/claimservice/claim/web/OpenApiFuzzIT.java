package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiClient;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.platform.testsupport.CommittedOpenApi;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import com.cpor.platform.testsupport.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static com.cpor.devinfra.DevUser.PARTNER_ADMIN;
import static com.cpor.devinfra.DevUser.STAFF;

/**
 * Requests generated from claim-service's own OpenAPI document, with hostile values in every body field, path and
 * query parameter and header (see {@link OpenApiFuzzer}): no 5xx, no answer slower than 1 s, every error
 * application/problem+json. Path ids are claims of the caller in EDITING, so edits reach the claim rules.
 */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class OpenApiFuzzIT {

    @LocalServerPort
    int port;

    @Test
    void hostile_requests_generated_from_the_openapi_document_get_fast_problem_answers_and_never_a_5xx() {
        TestApi api = new TestApi(port);
        OpenApiFuzzer.against("claim-service", port)
                .as(PARTNER_ADMIN)
                .pathValue("id", () -> api.as(PARTNER_ADMIN).post("/api/v1/claims", microsoft365Claim()).expect(201)
                        .json().get("id").asString())
                .body("POST /api/v1/claims", () -> ApiClient.JSON.valueToTree(microsoft365Claim()))
                .body("PATCH /api/v1/claims/{id}", () -> ApiClient.JSON.valueToTree(microsoft365Claim()))
                // the partner directory is staff's: fuzzed as staff, on organisations of its own
                .as("GET /api/v1/partners", STAFF)
                .as("GET /api/v1/partners/{partnerId}", STAFF)
                .as("PUT /api/v1/partners/{partnerId}", STAFF)
                .pathValue("partnerId", () -> "fuzz-" + java.util.UUID.randomUUID().toString().substring(0, 8))
                .run()
                .assertNoFindings();
    }

    @Test
    void the_served_openapi_document_is_the_committed_one() {
        CommittedOpenApi.assertServedDocumentIsCommitted("claim-service", port);
    }
}
