package com.cpor.notificationservice.notification;

import com.cpor.platform.testsupport.CommittedOpenApi;
import com.cpor.platform.testsupport.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.cpor.devinfra.DevUser.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests generated from notification-service's own OpenAPI document, with hostile values in every path and query
 * parameter (see {@link OpenApiFuzzer}): no 5xx, no answer slower than 1 s, every error application/problem+json.
 * Path ids are notifications that exist, so a replay reaches the store.
 */
class OpenApiFuzzIT extends NotificationServiceTestBase {

    @LocalServerPort
    int port;

    @Test
    void hostile_requests_generated_from_the_openapi_document_get_fast_problem_answers_and_never_a_5xx() {
        OpenApiFuzzer.against("notification-service", port)
                .as(STAFF)
                .pathValue("id", this::existingNotification)
                .run()
                .assertNoFindings();
    }

    private String existingNotification() {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        publish(sample.consentRequested());
        await().atMost(PATIENCE).until(() -> !notificationsOf(sample.claimId()).isEmpty());
        String id = notificationsOf(sample.claimId()).get(0).get("id").asString();
        assertThat(id).isNotBlank();
        return id;
    }

    @Test
    void the_served_openapi_document_is_the_committed_one() {
        CommittedOpenApi.assertServedDocumentIsCommitted("notification-service", port);
    }
}
