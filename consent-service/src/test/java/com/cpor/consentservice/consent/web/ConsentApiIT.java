package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.ConsentServiceTest;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.testsupport.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static com.cpor.consentservice.ConsentFixtures.awaitEvent;
import static com.cpor.consentservice.ConsentFixtures.json;
import static com.cpor.consentservice.ConsentFixtures.newClaimId;
import static com.cpor.consentservice.ConsentFixtures.publish;
import static com.cpor.consentservice.ConsentFixtures.statusChanged;
import static com.cpor.consentservice.ConsentFixtures.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

@ConsentServiceTest
class ConsentApiIT {

    private static EventProbe probe;
    private final HttpClient http = HttpClient.newHttpClient();

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
    void staff_and_review_leads_see_the_windows_of_a_claim_without_the_link() throws Exception {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        var requested = awaitEvent(probe, "consent.requested", claimId);
        String token = tokenOf(requested);

        for (DevUser user : new DevUser[]{DevUser.STAFF, DevUser.REVIEW_LEAD}) {
            HttpResponse<String> response = get("/api/v1/consents/" + claimId, user);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(token, token.substring(0, 43));
            JsonNode body = parse(response.body());
            assertThat(body.get("claimId").asString()).isEqualTo(claimId);
            JsonNode window = body.get("windows").get(0);
            assertThat(window.get("consentId").asString()).isEqualTo(json(requested).get("consentId").asString());
            assertThat(window.get("status").asString()).isEqualTo("OPEN");
            assertThat(window.get("windowEndsAt").asString()).isNotBlank();
        }
    }

    @Test
    void other_roles_are_forbidden_and_anonymous_callers_unauthenticated() throws Exception {
        assertThat(get("/api/v1/consents/" + newClaimId(), DevUser.REVIEWER).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/consents/" + newClaimId(), DevUser.PARTNER_ADMIN).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/consents/" + newClaimId())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void claim_without_windows_is_not_found_as_problem_details() throws Exception {
        HttpResponse<String> response = get("/api/v1/consents/" + newClaimId(), DevUser.STAFF);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(parse(response.body()).get("type").asString()).isEqualTo("urn:cpor:problem:not-found");
    }

    @Test
    void openapi_document_describes_the_staff_endpoint() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/consents/{claimId}", "ConsentWindowResponse");
    }

    private HttpResponse<String> get(String path, DevUser user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestIdentity.tokenFor(user)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) {
        return com.cpor.platform.messaging.EventJson.mapper().readTree(body);
    }
}
