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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;

/** Withdraw, comments, history, competing claims, list and export. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class ClaimActionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventProbe probe;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @org.springframework.beans.factory.annotation.Autowired
    com.cpor.platform.testsupport.MutableClock clock;

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

    // ---- conditional writes

    @Test
    void every_answer_with_the_claim_carries_its_version_as_etag_and_a_transition_honours_if_match() {
        ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", microsoft365Claim()).expect(201);
        assertThat(created.etag()).isEqualTo(etagOf(created));
        String id = created.json().get("id").asString();
        api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(201);
        ApiResponse read = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(200);
        assertThat(read.etag()).isEqualTo(etagOf(read)).isNotEqualTo(created.etag());

        JsonNode stale = api.as(DevUser.PARTNER_ADMIN).send("POST", "/api/v1/claims/" + id + "/submit", "application/json", null, Map.of("If-Match", created.etag())).expect(412).json();
        assertThat(stale.get("type").asString()).isEqualTo("urn:cpor:problem:stale-version");
        assertThat(stale.get("currentETag").asString()).isEqualTo(read.etag());
        assertThat(claims.status(id)).isEqualTo("EDITING");

        ApiResponse submitted = api.as(DevUser.PARTNER_ADMIN).send("POST", "/api/v1/claims/" + id + "/submit", "application/json", null, Map.of("If-Match", read.etag())).expect(200);
        assertThat(submitted.etag()).isEqualTo(etagOf(submitted)).isNotEqualTo(read.etag());
        ApiResponse edited = api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id,
                Map.of("products", List.of(Map.of("code", "TEAMS")))).expect(200);
        assertThat(edited.etag()).isEqualTo(etagOf(edited));
        ApiResponse withdrawn = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw",
                Map.of("reason", "WRONG_PARTNER_ID")).expect(200);
        assertThat(withdrawn.etag()).as("a transition without If-Match runs; the state machine guards it")
                .isEqualTo(etagOf(withdrawn)).isNotEqualTo(edited.etag());
        assertThat(api.as(DevUser.PARTNER_ADMIN).send("POST", "/api/v1/claims/" + id + "/comments", "application/json", Map.of("text", "based on an old read"), Map.of("If-Match", edited.etag())).expect(412).json()
                .get("currentETag").asString()).isEqualTo(withdrawn.etag());
    }

    private static String etagOf(ApiResponse response) {
        return "\"" + response.json().get("version").asLong() + "\"";
    }

    // ---- withdraw

    @Test
    void withdrawing_a_submitted_claim_rejects_it_finally_as_partner_request_with_its_reason_code() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode claim = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw",
                Map.of("reason", "NO_LONGER_WORKING_WITH_CUSTOMER", "text", "The contract ended in October")).expect(200).json();
        assertThat(claim.get("status").asString()).isEqualTo("REJECTED");
        assertThat(claim.get("rejection").get("reason").asString()).isEqualTo("PARTNER_REQUEST");
        assertThat(claim.get("rejection").get("withdrawalReason").asString()).isEqualTo("NO_LONGER_WORKING_WITH_CUSTOMER");
        assertThat(claim.get("rejection").get("comment").asString()).isEqualTo("The contract ended in October");
        assertThat(claim.get("rejection").get("final").asBoolean()).isTrue();
        assertThat(probe.await(typed("claim.withdrawn", id), WAIT).value()).contains("\"previousStatus\":\"SUBMITTED\"",
                "\"reasonCode\":\"NO_LONGER_WORKING_WITH_CUSTOMER\"", "\"reason\":\"The contract ended in October\"");
        assertThat(probe.await(typed("claim.status-changed", id).and(r -> r.value().contains("PARTNER_REQUEST")), WAIT)
                .value()).contains("\"reasonCodes\":[\"PARTNER_REQUEST\",\"NO_LONGER_WORKING_WITH_CUSTOMER\"]");
        JsonNode history = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").expect(200).json().get("items");
        JsonNode withdrawal = history.get(history.size() - 1);
        assertThat(withdrawal.get("details").get("withdrawalReason").asString()).isEqualTo("NO_LONGER_WORKING_WITH_CUSTOMER");
        assertThat(withdrawal.get("details").get("comment").asString()).isEqualTo("The contract ended in October");
    }

    @Test
    void withdraw_needs_a_known_reason_code_and_a_text_for_other_and_is_refused_in_editing() {
        String id = claims.submitted(microsoft365Claim());
        String withdraw = "/api/v1/claims/" + id + "/withdraw";
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("reason", " "), Map.of("reason", "Wrong MPN"),
                Map.of("reason", "wrong_partner"), Map.of("text", "no code"))) {
            JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post(withdraw, body).expect(400).json();
            assertThat(problem.get("errors").findValuesAsString("field")).as("%s", body).containsExactly("reason");
        }
        assertThat(api.as(DevUser.PARTNER_ADMIN).post(withdraw, Map.of("reason", "Wrong MPN")).json().toString())
                .contains("WRONG_PARTNER_ID", "WRONG_ACTIVITY", "NO_LONGER_WORKING_WITH_CUSTOMER", "OTHER");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post(withdraw, Map.of("reason", "OTHER", "text", " ")).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("text");
        assertThat(claims.status(id)).isEqualTo("SUBMITTED");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post(withdraw, Map.of("reason", "OTHER", "text", "Duplicate of c-123"))
                .expect(200).json().get("rejection").get("withdrawalReason").asString()).isEqualTo("OTHER");

        String editing = claims.createWithPoe(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + editing + "/withdraw",
                Map.of("reason", "WRONG_PARTNER_ID")).expect(409).json();
        assertThat(problem.get("currentStatus").asString()).isEqualTo("EDITING");
        assertThat(problem.get("allowedActions").toString()).contains("delete", "submit");
    }

    @Test
    void a_claim_cannot_be_submitted_twice() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/submit", null).expect(409).json();
        assertThat(problem.get("currentStatus").asString()).isEqualTo("SUBMITTED");
    }

    // ---- comments and history

    @Test
    void partner_and_reviewer_share_a_comment_thread_and_each_comment_is_published() {
        String id = claims.submitted(microsoft365Claim());
        JsonNode partnerComment = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/comments",
                Map.of("text", "PoE page 2 has the signature")).expect(201).json();
        assertThat(partnerComment.get("author").get("kind").asString()).isEqualTo("PARTNER");
        api.as(DevUser.REVIEWER).post("/api/v1/claims/" + id + "/comments", Map.of("text", "Thanks, checking")).expect(201);

        JsonNode thread = api.as(DevUser.PARTNER_READER).get("/api/v1/claims/" + id + "/comments").expect(200).json()
                .get("items");
        assertThat(ApiResponse.each(thread, "text")).containsExactly("PoE page 2 has the signature", "Thanks, checking");
        assertThat(thread.get(1).get("author").get("kind").asString()).isEqualTo("REVIEWER");
        assertThat(probe.await(typed("claim.comment-added", id).and(r -> r.value().contains("Thanks, checking")), WAIT)
                .value()).contains("\"kind\":\"REVIEWER\"");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/comments", Map.of("text", ""))
                .expect(400).json().get("errors").findValuesAsString("field")).containsExactly("text");
    }

    @Test
    void history_lists_every_step_in_order_with_its_actor() {
        String id = claims.submitted(microsoft365Claim());
        api.as(DevUser.REVIEWER).post("/api/v1/claims/" + id + "/comments", Map.of("text", "Looks fine")).expect(201);
        JsonNode history = api.as(DevUser.REVIEWER).get("/api/v1/claims/" + id + "/history").expect(200).json()
                .get("items");
        assertThat(ApiResponse.each(history, "kind"))
                .containsExactly("CREATED", "DOCUMENT_ADDED", "STATUS_CHANGED", "COMMENT_ADDED");
        assertThat(history.get(2).get("details").get("to").asString()).isEqualTo("SUBMITTED");
        assertThat(history.get(2).get("actor").get("id").asString()).isEqualTo("partner-admin");
        assertThat(history.get(3).get("actor").get("id").asString()).isEqualTo("reviewer");
        assertThat(history.get(0).get("at").asString()).isNotBlank();
    }

    // ---- exclusivity

    @Test
    void overlapping_claims_of_two_partners_are_flagged_as_competing_on_both() {
        String tenant = UUID.randomUUID().toString();
        String first = claims.submitted(microsoft365Claim(tenant));
        String second = competitorSubmits(tenant);

        assertThat(api.as(DevUser.REVIEWER).get("/api/v1/claims/" + second).expect(200).json()
                .get("competingClaimIds").toString()).isEqualTo("[\"" + first + "\"]");
        assertThat(api.as(DevUser.REVIEWER).get("/api/v1/claims/" + first).expect(200).json()
                .get("competingClaimIds").toString()).isEqualTo("[\"" + second + "\"]");
        assertThat(probe.await(typed("claim.competing-detected", second), WAIT).value())
                .contains(first, "\"overlappingProducts\":[\"TEAMS\"]");
        probe.await(typed("claim.competing-detected", first), WAIT);
    }

    @Test
    void a_partner_sees_that_its_claim_competes_but_never_the_other_partners_claim_products_or_history() {
        String tenant = UUID.randomUUID().toString();
        String first = claims.submitted(microsoft365Claim(tenant));
        String second = competitorSubmits(tenant);
        // the competitor's claim has INTUNE, which the first partner does not claim; ids and products must not leak
        for (Object[] view : List.of(new Object[]{DevUser.PARTNER_ADMIN, first, second},
                new Object[]{DevUser.PARTNER_READER, first, second}, new Object[]{DevUser.OTHER_PARTNER_ADMIN, second, first})) {
            DevUser partner = (DevUser) view[0];
            String own = (String) view[1];
            String theirs = (String) view[2];
            JsonNode claim = api.as(partner).get("/api/v1/claims/" + own).expect(200).json();
            assertThat(claim.get("competing").asBoolean()).as("%s sees competing", partner).isTrue();
            assertThat(claim.has("competingClaimIds")).as("%s sees no competing ids", partner).isFalse();
            JsonNode list = api.as(partner).get("/api/v1/claims?customerTenantId=" + tenant).expect(200).json();
            assertThat(ApiResponse.each(list.get("items"), "id")).containsExactly(own);
            assertThat(list.get("items").get(0).get("competing").asBoolean()).isTrue();
            String csv = api.as(partner).get("/api/v1/claims/export?customerTenantId=" + tenant).expect(200).body();
            assertThat(csv.split("\r\n")[0]).contains(",competing,competingClaimIds,");
            assertThat(csv.split("\r\n")[1]).contains(",true,,");
            String history = api.as(partner).get("/api/v1/claims/" + own + "/history").expect(200).body();
            assertThat(history).contains("COMPETING_CLAIMS_DETECTED", "\"competing\":true");
            for (String text : List.of(claim.toString(), list.toString(), csv, history)) {
                assertThat(text).as("what %s reads", partner).doesNotContain(theirs, "overlappingProducts",
                        "competingClaimIds\":", "7654321".equals(partnerIdOf(own)) ? "EXCHANGE_ONLINE" : "INTUNE");
            }
            api.as(partner).get("/api/v1/claims/" + theirs).expect(404);
        }
        JsonNode reviewerHistory = api.as(DevUser.REVIEWER).get("/api/v1/claims/" + first + "/history").expect(200).json();
        assertThat(reviewerHistory.toString()).contains(second, "\"overlappingProducts\":[\"TEAMS\"]");
        String reviewerCsv = api.as(DevUser.REVIEWER).get("/api/v1/claims/export?customerTenantId=" + tenant).expect(200).body();
        assertThat(reviewerCsv).contains(",true," + first + ",", ",true," + second + ",");
    }

    private String partnerIdOf(String claimId) {
        return api.as(DevUser.REVIEWER).get("/api/v1/claims/" + claimId).expect(200).json().get("partnerId").asString();
    }

    /** Partner 7654321 submits TEAMS (overlapping) and INTUNE on {@code tenant}; returns the claim's id. */
    private String competitorSubmits(String tenant) {
        Map<String, Object> other = new HashMap<>(microsoft365Claim(tenant));
        other.put("partnerId", "7654321");
        other.put("products", List.of(Map.of("code", "TEAMS"), Map.of("code", "INTUNE")));
        String second = api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims", other).expect(201).json().get("id").asString();
        api.as(DevUser.OTHER_PARTNER_ADMIN).upload("/api/v1/claims/" + second + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(201);
        JsonNode submitted = api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims/" + second + "/submit", null)
                .expect(200).json();
        assertThat(submitted.get("competing").asBoolean()).isTrue();
        assertThat(submitted.has("competingClaimIds")).isFalse();
        return second;
    }

    @Test
    void the_same_partner_cannot_have_two_active_claims_on_the_same_tenant_and_product() {
        String tenant = UUID.randomUUID().toString();
        claims.submitted(microsoft365Claim(tenant));
        String second = claims.createWithPoe(microsoft365Claim(tenant));
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + second + "/submit", null).expect(409).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:duplicate-active-claim");
        assertThat(problem.get("detail").asString()).contains("TEAMS");
        assertThat(claims.status(second)).isEqualTo("EDITING");
    }

    @Test
    void an_edit_after_submit_cannot_overlap_another_active_claim_of_the_same_partner() {
        String tenant = UUID.randomUUID().toString();
        Map<String, Object> teams = new HashMap<>(microsoft365Claim(tenant));
        teams.put("products", List.of(Map.of("code", "TEAMS")));
        claims.submitted(teams);
        Map<String, Object> intune = new HashMap<>(microsoft365Claim(tenant));
        intune.put("products", List.of(Map.of("code", "INTUNE")));
        String id = claims.submitted(intune);
        assertThat(api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("products",
                List.of(Map.of("code", "INTUNE"), Map.of("code", "TEAMS")))).expect(409).json().get("type").asString())
                .isEqualTo("urn:cpor:problem:duplicate-active-claim");
        assertThat(claims.get(id).get("products")).hasSize(1);
    }

    @Test
    void claims_submitted_at_the_same_moment_still_see_each_other() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String first = claims.createWithPoe(microsoft365Claim(tenant));
        String second = claims.createWithPoe(microsoft365Claim(tenant));
        Map<String, Object> other = new HashMap<>(microsoft365Claim(tenant));
        other.put("partnerId", "7654321");
        String competitor = api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims", other).expect(201).json().get("id").asString();
        api.as(DevUser.OTHER_PARTNER_ADMIN).upload("/api/v1/claims/" + competitor + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(201);

        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            var a = pool.submit(() -> api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + first + "/submit", null).status());
            var b = pool.submit(() -> api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + second + "/submit", null).status());
            var c = pool.submit(() -> api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims/" + competitor + "/submit", null).status());
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
            assertThat(c.get()).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        String winner = claims.status(first).equals("SUBMITTED") ? first : second;
        assertThat(api.as(DevUser.REVIEWER).get("/api/v1/claims/" + competitor).json().get("competingClaimIds").toString())
                .isEqualTo("[\"" + winner + "\"]");
        assertThat(api.as(DevUser.REVIEWER).get("/api/v1/claims/" + winner).json().get("competingClaimIds").toString())
                .isEqualTo("[\"" + competitor + "\"]");
    }

    @Test
    void business_applications_claims_compete_per_subscription() {
        String tenant = UUID.randomUUID().toString();
        String subscription = UUID.randomUUID().toString();
        Map<String, Object> sales = new HashMap<>(microsoft365Claim(tenant));
        sales.put("solutionArea", "BUSINESS_APPLICATIONS");
        sales.put("activity", "USAGE");
        sales.put("products", List.of(Map.of("code", "DYNAMICS_365_SALES", "subscriptionId", subscription)));
        claims.submitted(sales);
        Map<String, Object> otherSubscription = new HashMap<>(sales);
        otherSubscription.put("products", List.of(Map.of("code", "DYNAMICS_365_SALES",
                "subscriptionId", UUID.randomUUID().toString())));
        String id = claims.submitted(otherSubscription);
        assertThat(claims.get(id).get("competing").asBoolean()).isFalse();
        assertThat(claims.get(id).get("program").asString()).isEqualTo("OSU_BUSINESS_APPLICATIONS");
    }

    // ---- list and export

    @Test
    void lists_own_claims_with_filters_sort_and_pages() {
        String tenant = UUID.randomUUID().toString();
        Map<String, Object> alpha = new HashMap<>(microsoft365Claim(tenant));
        alpha.put("name", "Alpha rollout");
        alpha.put("products", List.of(Map.of("code", "VIVA")));
        String alphaId = claims.createWithPoe(alpha);
        Map<String, Object> beta = new HashMap<>(microsoft365Claim(tenant));
        beta.put("name", "Beta rollout");
        beta.put("products", List.of(Map.of("code", "PURVIEW")));
        String betaId = claims.submitted(beta);

        JsonNode page = api.as(DevUser.PARTNER_READER).get("/api/v1/claims?customerTenantId=" + tenant + "&sort=name,asc")
                .expect(200).json();
        assertThat(ApiResponse.each(page.get("items"), "id")).containsExactly(alphaId, betaId);
        assertThat(page.get("totalItems").asLong()).isEqualTo(2);

        JsonNode submitted = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?customerTenantId=" + tenant
                + "&status=SUBMITTED&solutionArea=MICROSOFT_365&activity=USAGE").expect(200).json();
        assertThat(ApiResponse.each(submitted.get("items"), "id")).containsExactly(betaId);

        JsonNode searched = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?q=ALPHA&customerTenantId=" + tenant)
                .expect(200).json();
        assertThat(ApiResponse.each(searched.get("items"), "id")).containsExactly(alphaId);

        JsonNode paged = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?customerTenantId=" + tenant
                + "&sort=name,desc&size=1&page=1").expect(200).json();
        assertThat(ApiResponse.each(paged.get("items"), "id")).containsExactly(alphaId);
        assertThat(paged.get("totalPages").asLong()).isEqualTo(2);

        assertThat(api.as(DevUser.OTHER_PARTNER_ADMIN).get("/api/v1/claims?customerTenantId=" + tenant).expect(200).json()
                .get("totalItems").asLong()).isZero();
        assertThat(api.as(DevUser.REVIEWER).get("/api/v1/claims?customerTenantId=" + tenant).expect(200).json()
                .get("totalItems").asLong()).isEqualTo(2);
    }

    @Test
    void list_parameters_are_checked_and_the_page_size_is_capped() {
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?size=1000").expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("size");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?sort=password").expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("sort");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?status=LOST").expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("status");
    }

    @Test
    void exports_the_filtered_list_as_csv() {
        String tenant = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(microsoft365Claim(tenant));
        body.put("name", "=HYPERLINK(\"x\"), quoted");
        String id = claims.create(body);
        ApiResponse csv = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/export?customerTenantId=" + tenant).expect(200);
        assertThat(csv.contentType().toString()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,name,partnerId,status");
        assertThat(lines[1]).startsWith(id + ",\"'=HYPERLINK(\"\"x\"\"), quoted\",1234567,EDITING,MICROSOFT_365,USAGE,OSU_M365," + tenant);
        assertThat(api.as(DevUser.OTHER_PARTNER_ADMIN).get("/api/v1/claims/export?customerTenantId=" + tenant).expect(200)
                .body().split("\r\n")).hasSize(1);
    }

    @Test
    void transitions_claims_per_status_and_competing_claims_are_measured_for_the_dashboard() {
        // the meters count every claim of the test context: this test's share is the change across its submission
        clock.advance(Duration.ofSeconds(11)); // past the gauge's query cache
        double submittedBefore = claimsIn("SUBMITTED");
        double editingBefore = claimsIn("EDITING");
        double transitionsBefore = submissions();
        long timedBefore = timedInEditing();

        claims.submitted(microsoft365Claim());
        clock.advance(Duration.ofSeconds(11));

        assertThat(claimsIn("SUBMITTED") - submittedBefore).isEqualTo(1);
        assertThat(claimsIn("EDITING") - editingBefore).isZero();
        assertThat(submissions() - transitionsBefore).isEqualTo(1);
        assertThat(timedInEditing() - timedBefore).isEqualTo(1);
    }

    private long timedInEditing() {
        var timer = meters.find("cpor.claim.time.in.status").tag("status", "EDITING").timer();
        return timer == null ? 0 : timer.count();
    }

    private double claimsIn(String status) {
        return meters.get("cpor.claims").tag("status", status).gauge().value();
    }

    private double submissions() {
        var counter = meters.find("cpor.claim.transitions").tag("from", "EDITING").tag("to", "SUBMITTED").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void the_openapi_document_describes_the_claim_api() {
        JsonNode openApi = api.as(null).get("/v3/api-docs").expect(200).json();
        JsonNode paths = openApi.get("paths");
        for (String path : List.of("/api/v1/claims", "/api/v1/claims/{id}", "/api/v1/claims/{id}/documents",
                "/api/v1/claims/{id}/documents/{documentId}", "/api/v1/claims/{id}/submit", "/api/v1/claims/{id}/withdraw",
                "/api/v1/claims/{id}/dispute", "/api/v1/claims/{id}/comments", "/api/v1/claims/{id}/history",
                "/api/v1/claims/export")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/api/v1/claims/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/v1/claims/{id}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/claims/{id}/submit").get("post").get("responses").has("409")).isTrue();
        assertThat(openApi.get("components").get("schemas").has("ClaimResponse")).isTrue();
    }
}
