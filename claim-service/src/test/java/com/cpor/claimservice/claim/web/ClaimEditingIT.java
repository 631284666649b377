package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevUser;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static org.assertj.core.api.Assertions.assertThat;

/** PATCH with JSON merge patch under the edit rules of each status, and DELETE. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class ClaimEditingIT {

    private static EventProbe probe;

    @LocalServerPort
    int port;

    private TestApi api;
    private ClaimFixtures claims;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CLAIMS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @BeforeEach
    void client() {
        api = new TestApi(port);
        claims = new ClaimFixtures(api.as(DevUser.PARTNER_ADMIN), ClaimFixtures.CLAIMS);
    }

    @Test
    void in_editing_every_field_can_change_and_history_keeps_before_and_after() {
        String id = claims.create(microsoft365Claim());
        String newTenant = java.util.UUID.randomUUID().toString();
        JsonNode edited = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of(
                "name", "Renamed claim",
                "customer", Map.of("tenantId", newTenant),
                "products", List.of(Map.of("code", "INTUNE")))).expect(200).json();
        assertThat(edited.get("name").asString()).isEqualTo("Renamed claim");
        assertThat(edited.get("customer").get("tenantId").asString()).isEqualTo(newTenant);
        assertThat(edited.get("customer").get("name").asString()).isEqualTo("Contoso Ltd");
        assertThat(edited.get("products").toString()).contains("INTUNE").doesNotContain("TEAMS");
        assertThat(edited.get("version").asLong()).isEqualTo(2);

        JsonNode history = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").expect(200).json()
                .get("items");
        JsonNode edit = history.get(history.size() - 1);
        assertThat(edit.get("kind").asString()).isEqualTo("EDITED");
        assertThat(edit.get("actor").get("id").asString()).isEqualTo("partner-admin");
        assertThat(edit.get("changes").findValuesAsString("field")).containsExactly("name", "customer", "products");
        assertThat(edit.get("changes").get(0).get("before").asString()).isEqualTo("Contoso — Teams and Exchange usage");
        assertThat(edit.get("changes").get(0).get("after").asString()).isEqualTo("Renamed claim");
    }

    @Test
    void plain_json_is_accepted_and_null_removes_an_optional_field() {
        Map<String, Object> body = new java.util.HashMap<>(microsoft365Claim());
        body.put("customerTechnicalContact", Map.of("name", "Tech", "email", "tech@contoso.example", "locale", "en-US"));
        String id = claims.create(body);
        JsonNode edited = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, "application/json", "{\"customerTechnicalContact\":null}").expect(200).json();
        assertThat(edited.get("customerTechnicalContact").isNull()).isTrue();
    }

    @Test
    void after_submit_products_partner_id_and_contacts_stay_editable_and_the_edit_is_published() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode edited = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of(
                "products", List.of(Map.of("code", "TEAMS")),
                "partnerContact", Map.of("name", "Ewa Nowak", "email", "ewa@partner.example", "locale", "pl-PL")))
                .expect(200).json();
        assertThat(edited.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(edited.get("products")).hasSize(1);
        assertThat(probe.await(EventProbe.typed("claim.edited", id), Duration.ofSeconds(30)).value())
                .contains("\"changedFields\":[\"products\",\"partnerContact\"]");
    }

    @Test
    void rejects_edit_of_tenant_solution_area_activity_and_name_after_submit() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of(
                "customer", Map.of("tenantId", java.util.UUID.randomUUID().toString()),
                "solutionArea", "BUSINESS_APPLICATIONS", "activity", "PRE_SALES", "name", "x")).expect(400).json();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactly("activity", "customer", "name", "solutionArea");
        assertThat(problem.get("detail").asString()).contains("cannot be changed while the claim is SUBMITTED");
        assertThat(claims.get(id).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void refuses_platform_kept_and_unknown_fields_naming_them() {
        String id = claims.create(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of(
                "status", "APPROVED", "id", "c-mine", "createdAt", "2020-01-01T00:00:00Z", "favouriteColour", "blue"))
                .expect(400).json();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("status", "id", "createdAt", "favouriteColour");
        assertThat(claims.status(id)).isEqualTo("EDITING");
    }

    @Test
    void an_edit_breaking_a_rule_is_refused_naming_the_field() {
        String id = claims.create(microsoft365Claim());
        assertThat(api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id,
                Map.of("customerContact", Map.of("email", "broken"))).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("customerContact.email");
        assertThat(api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("activity", "SELLING")).expect(400)
                .json().get("errors").findValuesAsString("field")).containsExactly("activity");
    }

    @Test
    void nothing_can_be_edited_once_withdrawn() {
        String id = claims.submitted(microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "WRONG_PARTNER_ID")).expect(200);
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("products",
                List.of(Map.of("code", "TEAMS")))).expect(409).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:invalid-state");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("REJECTED");
    }

    @Test
    void an_edit_based_on_a_stale_version_is_refused() {
        String id = claims.create(microsoft365Claim());
        String etag = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(200).etag();
        assertThat(etag).isEqualTo("\"1\"");
        api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "First"), Map.of("If-Match", etag)).expect(200);
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Second"), Map.of("If-Match", etag))
                .expect(412).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:stale-version");
        assertThat(problem.get("currentETag").asString()).isEqualTo("\"2\"");
        assertThat(claims.get(id).get("name").asString()).isEqualTo("First");
    }

    @Test
    void an_edit_without_if_match_is_refused_with_428_and_changes_nothing() {
        String id = claims.create(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Blind overwrite"), Map.of()).expect(428).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:precondition-required");
        assertThat(problem.get("detail").asString()).contains("If-Match");
        assertThat(claims.get(id).get("name").asString()).isEqualTo(microsoft365Claim().get("name"));
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).etag()).isEqualTo("\"1\"");
    }

    @Test
    void an_edit_with_the_current_etag_answers_with_the_next_etag_which_the_next_edit_uses() {
        String id = claims.create(microsoft365Claim());
        ApiResponse first = api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "First"), Map.of("If-Match", "\"1\"")).expect(200);
        assertThat(first.etag()).isEqualTo("\"2\"").isEqualTo("\"" + first.json().get("version") + "\"");
        ApiResponse second = api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Second"), Map.of("If-Match", first.etag())).expect(200);
        assertThat(second.etag()).isEqualTo("\"3\"");
        assertThat(api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Any"), Map.of("If-Match", "*")).expect(200).etag()).isEqualTo("\"4\"");
        assertThat(api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Weak"), Map.of("If-Match", "W/\"4\"")).expect(412).json().get("currentETag").asString())
                .as("If-Match compares strongly: a weak tag never matches").isEqualTo("\"4\"");
        assertThat(api.as(DevUser.PARTNER_ADMIN).send("PATCH", "/api/v1/claims/" + id, "application/merge-patch+json", Map.of("name", "Garbled"), Map.of("If-Match", "4")).expect(400).json().get("errors").get(0).get("field").asString())
                .isEqualTo("If-Match");
    }

    @Test
    void a_delete_with_a_stale_if_match_is_refused_and_the_claim_stays() {
        String id = claims.create(microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("name", "Edited")).expect(200);
        api.as(DevUser.PARTNER_ADMIN).send("DELETE", "/api/v1/claims/" + id, "application/json", null, Map.of("If-Match", "\"1\"")).expect(412);
        api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(200);
        api.as(DevUser.PARTNER_ADMIN).send("DELETE", "/api/v1/claims/" + id, "application/json", null, Map.of("If-Match", "\"2\"")).expect(204);
    }

    @Test
    void a_claim_in_editing_can_be_deleted_and_is_gone() {
        String id = claims.createWithPoe(microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).delete("/api/v1/claims/" + id).expect(204);
        api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(404);
    }

    @Test
    void a_submitted_claim_cannot_be_deleted_and_the_answer_names_status_and_allowed_actions() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).delete("/api/v1/claims/" + id).expect(409).json();
        assertThat(problem.get("currentStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(problem.get("allowedActions").toString()).contains("withdraw", "edit").doesNotContain("delete");
        assertThat(problem.get("detail").asString()).contains("withdraw");
        assertThat(claims.status(id)).isEqualTo("SUBMITTED");
    }
}
