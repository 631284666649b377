package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static org.assertj.core.api.Assertions.assertThat;

/** Create, read, validation, partner isolation, roles and PoE documents over HTTP on real PostgreSQL and Kafka. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class ClaimApiIT {

    @LocalServerPort
    int port;

    private TestApi api;
    private ClaimFixtures claims;

    @BeforeEach
    void client() {
        api = new TestApi(port);
        claims = new ClaimFixtures(api.as(DevUser.PARTNER_ADMIN), ClaimFixtures.CLAIMS);
    }

    @Test
    void creates_a_claim_in_editing_with_location_and_the_documented_shape() {
        Map<String, Object> body = microsoft365Claim();
        ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(201);
        JsonNode claim = created.json();
        String id = claim.get("id").asString();
        assertThat(id).startsWith("c-");
        assertThat(created.location()).hasToString("http://localhost:" + port + "/api/v1/claims/" + id);

        JsonNode read = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(200).json();
        assertThat(read.get("status").asString()).isEqualTo("EDITING");
        assertThat(read.get("program").asString()).isEqualTo("OSU_M365");
        assertThat(read.get("customer").get("tenantId").asString()).isEqualTo(((Map<?, ?>) body.get("customer")).get("tenantId"));
        assertThat(read.get("products").toString()).contains("TEAMS", "EXCHANGE_ONLINE");
        assertThat(read.get("customerContact").get("locale").asString()).isEqualTo("pl-PL");
        assertThat(read.get("documents").isEmpty()).isTrue();
        for (String deadline : List.of("reviewStartDueAt", "partnerResponseDueAt", "consentWindowEndsAt", "disputeUntil")) {
            assertThat(read.get("deadlines").has(deadline)).as(deadline).isTrue();
            assertThat(read.get("deadlines").get(deadline).isNull()).as(deadline).isTrue();
        }
        assertThat(read.get("rejection").isNull()).isTrue();
        assertThat(read.get("competing").asBoolean()).isFalse();
        assertThat(read.get("eligibility").get("sentAt").isNull()).isTrue();
        assertThat(read.get("createdAt").asString()).isNotBlank();
        assertThat(read.get("updatedAt").asString()).isNotBlank();
        assertThat(read.get("version").asLong()).isEqualTo(1);
        assertThat(read.get("allowedActions").toString()).contains("submit", "delete");
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_returns_the_same_claim_and_creates_it_once() {
        Map<String, Object> body = microsoft365Claim();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body, key).expect(201);
        ApiResponse retried = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body, key).expect(201);

        assertThat(retried.json().get("id").asString()).isEqualTo(created.json().get("id").asString());
        assertThat(retried.location()).isEqualTo(created.location());
        assertThat(retried.etag()).isEqualTo(created.etag()).isEqualTo("\"1\"");
        String tenantId = (String) ((Map<?, ?>) body.get("customer")).get("tenantId");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims?customerTenantId=" + tenantId).expect(200).json()
                .get("totalItems").asLong()).isEqualTo(1);
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", microsoft365Claim(), key).expect(422);
    }

    @Test
    void behind_the_gateway_the_location_and_the_openapi_server_are_the_public_url() {
        Map<String, String> gateway = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.cpor.example",
                "X-Forwarded-Port", "443");
        ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", microsoft365Claim(), gateway)
                .expect(201);

        assertThat(created.location())
                .hasToString("https://api.cpor.example/api/v1/claims/" + created.json().get("id").asString());
        JsonNode document = ApiClient.JSON.readTree(RestClient.create().get()
                .uri("http://localhost:" + port + "/v3/api-docs").headers(headers -> gateway.forEach(headers::add))
                .retrieve().body(String.class));
        assertThat(document.at("/servers/0/url").asString()).isEqualTo("https://api.cpor.example");
    }

    @Test
    void creates_answer_201_with_location_and_the_openapi_document_says_so() {
        JsonNode document = ApiClient.JSON.readTree(RestClient.create().get()
                .uri("http://localhost:" + port + "/v3/api-docs").retrieve().body(String.class));
        for (String create : List.of("/paths/~1api~1v1~1claims/post", "/paths/~1api~1v1~1claims~1{id}~1documents/post",
                "/paths/~1api~1v1~1partners~1{partnerId}/put")) {
            JsonNode responses = document.at(create + "/responses");
            assertThat(responses.at("/201/headers/Location").isObject()).as(create + " documents 201 with Location")
                    .isTrue();
            assertThat(responses.at("/201/content").findValues("schema")).as(create + " documents the body").isNotEmpty();
        }
        assertThat(document.at("/paths/~1api~1v1~1claims/post/responses").has("200")).isFalse();
        assertThat(document.at("/paths/~1api~1v1~1claims~1{id}~1comments/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1claims~1{id}~1submit/post/responses").has("200"))
                .as("an action answers 200").isTrue();

        ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", microsoft365Claim()).expect(201);
        String id = created.json().get("id").asString();
        assertThat(created.location()).hasToString("http://localhost:" + port + "/api/v1/claims/" + id);
        ApiResponse uploaded = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(201);
        assertThat(uploaded.location()).hasToString("http://localhost:" + port + "/api/v1/claims/" + id
                + "/documents/" + uploaded.json().get("id").asString());
    }

    @Test
    void refuses_invalid_fields_naming_each_of_them() {
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("activity", "PRE_SALES");
        body.put("customer", Map.of("tenantId", "not-a-uuid", "domain", "contoso.example", "name", "Contoso"));
        body.put("products", List.of(Map.of("code", "POWER_APPS")));
        body.put("customerContact", Map.of("name", "Anna", "email", "not-an-email", "locale", "pl-PL"));
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(400).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:invalid-input");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("activity", "customer.tenantId", "products[0].code", "customerContact.email");
    }

    @Test
    void keeps_the_customers_declared_domains_and_refuses_malformed_or_repeated_ones_naming_each() {
        String tenant = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(microsoft365Claim(tenant));
        body.put("customer", Map.of("tenantId", tenant, "domain", "contoso.onmicrosoft.com", "name", "Contoso Ltd",
                "declaredDomains", java.util.Arrays.asList("contoso.example", "not a domain", "CONTOSO.example", null)));
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(400).json();
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "customer.declaredDomains[1]", "customer.declaredDomains[2]", "customer.declaredDomains[3]");

        body.put("customer", Map.of("tenantId", tenant, "domain", "contoso.onmicrosoft.com", "name", "Contoso Ltd",
                "declaredDomains", List.of("contoso.example", "eu.contoso.example")));
        String id = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(201).json().get("id").asString();
        assertThat(claims.get(id).at("/customer/declaredDomains").toString())
                .isEqualTo("[\"contoso.example\",\"eu.contoso.example\"]");
    }

    @Test
    void a_contact_may_carry_an_iana_time_zone_and_anything_else_is_refused_naming_the_field() {
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("customerContact", Map.of("name", "Anna", "email", "anna@contoso.example", "locale", "pl-PL",
                "timeZone", "Europe/Warsaw"));
        body.put("partnerContact", Map.of("name", "Piotr", "email", "piotr@partner.example", "locale", "en-US",
                "timeZone", "GMT+2"));
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(400).json().get("errors")
                .findValuesAsString("field")).containsExactly("partnerContact.timeZone");

        body.put("partnerContact", Map.of("name", "Piotr", "email", "piotr@partner.example", "locale", "en-US",
                "timeZone", "America/Los_Angeles"));
        String id = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(201).json().get("id").asString();
        JsonNode claim = claims.get(id);
        assertThat(claim.get("customerContact").get("timeZone").asString()).isEqualTo("Europe/Warsaw");
        assertThat(claim.get("partnerContact").get("timeZone").asString()).isEqualTo("America/Los_Angeles");
        assertThat(api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("customerContact",
                Map.of("timeZone", "Europe/Atlantis"))).expect(400).json().get("errors").findValuesAsString("field"))
                .containsExactly("customerContact.timeZone");
    }

    @Test
    void refuses_platform_fields_on_create_and_unknown_enum_values() {
        Map<String, Object> withStatus = new HashMap<>(microsoft365Claim());
        withStatus.put("status", "APPROVED");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", withStatus).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("status");

        Map<String, Object> badArea = new HashMap<>(microsoft365Claim());
        badArea.put("solutionArea", "AZURE");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", badArea).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("solutionArea");
    }

    @Test
    void refuses_a_partner_id_the_caller_does_not_act_for() {
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("partnerId", "7654321");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("partnerId");
    }

    @Test
    void business_applications_revenue_association_needs_subscriptions_and_extras() {
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("solutionArea", "BUSINESS_APPLICATIONS");
        body.put("activity", "REVENUE_ASSOCIATION");
        body.put("products", List.of(Map.of("code", "POWER_BI_PRO")));
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(400).json()
                .get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("products[0].subscriptionId", "solutionSellerName", "isvSolutionName");

        body.put("products", List.of(Map.of("code", "POWER_BI_PRO", "subscriptionId", UUID.randomUUID().toString())));
        body.put("solutionSellerName", "Seller Co");
        body.put("isvSolutionName", "Insight 365");
        JsonNode claim = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims", body).expect(201).json();
        assertThat(claim.get("program").isNull()).isTrue();
        assertThat(claim.get("isvSolutionName").asString()).isEqualTo("Insight 365");
    }

    @Test
    void another_partner_cannot_see_or_touch_the_claim() {
        String id = claims.createWithPoe(microsoft365Claim());
        String documentId = claims.get(id).get("documents").get(0).get("id").asString();
        DevUser other = DevUser.OTHER_PARTNER_ADMIN;
        String before = snapshot(id);
        api.as(other).get("/api/v1/claims/" + id).expect(404);
        api.as(other).get("/api/v1/claims/" + id + "/documents/" + documentId).expect(404);
        api.as(other).get("/api/v1/claims/" + id + "/comments").expect(404);
        api.as(other).get("/api/v1/claims/" + id + "/history").expect(404);
        api.as(other).patch("/api/v1/claims/" + id, Map.of("name", "mine now")).expect(404);
        api.as(other).post("/api/v1/claims/" + id + "/submit", null).expect(404);
        api.as(other).delete("/api/v1/claims/" + id).expect(404);
        api.as(other).upload("/api/v1/claims/" + id + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(404);
        api.as(other).post("/api/v1/claims/" + id + "/comments", Map.of("text", "hi")).expect(404);
        api.as(other).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "OTHER", "text", "x")).expect(404);
        assertThat(claims.status(id)).isEqualTo("EDITING");
        assertThat(snapshot(id)).as("refused calls change nothing").isEqualTo(before);
    }

    @Test
    void a_read_only_partner_user_can_read_but_not_change() {
        String id = claims.createWithPoe(microsoft365Claim());
        DevUser reader = DevUser.PARTNER_READER;
        String before = snapshot(id);
        api.as(reader).get("/api/v1/claims/" + id).expect(200);
        api.as(reader).get("/api/v1/claims/" + id + "/history").expect(200);
        assertThat(api.as(reader).post("/api/v1/claims", microsoft365Claim()).expect(403).json().get("type").asString())
                .isEqualTo("urn:cpor:problem:forbidden");
        api.as(reader).patch("/api/v1/claims/" + id, Map.of("name", "x")).expect(403);
        api.as(reader).post("/api/v1/claims/" + id + "/submit", null).expect(403);
        api.as(reader).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "WRONG_PARTNER_ID")).expect(403);
        api.as(reader).post("/api/v1/claims/" + id + "/comments", Map.of("text", "x")).expect(403);
        api.as(reader).upload("/api/v1/claims/" + id + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(403);
        api.as(reader).delete("/api/v1/claims/" + id).expect(403);
        assertThat(snapshot(id)).as("refused calls change nothing").isEqualTo(before);
    }

    @Test
    void reviewers_read_any_claim_and_its_documents_but_cannot_act_as_partners() {
        String id = claims.createWithPoe(microsoft365Claim());
        JsonNode claim = api.as(DevUser.REVIEWER).get("/api/v1/claims/" + id).expect(200).json();
        String documentId = claim.get("documents").get(0).get("id").asString();
        api.as(DevUser.REVIEW_LEAD).download("/api/v1/claims/" + id + "/documents/" + documentId).expect(200);
        api.as(DevUser.REVIEWER).get("/api/v1/claims/" + id + "/history").expect(200);
        api.as(DevUser.REVIEWER).post("/api/v1/claims", microsoft365Claim()).expect(403);
        String before = snapshot(id);
        api.as(DevUser.REVIEWER).post("/api/v1/claims/" + id + "/submit", null).expect(403);
        api.as(DevUser.REVIEWER).patch("/api/v1/claims/" + id, Map.of("name", "x")).expect(403);
        api.as(DevUser.REVIEWER).delete("/api/v1/claims/" + id).expect(403);
        assertThat(snapshot(id)).as("refused calls change nothing").isEqualTo(before);
    }

    /** What the owner sees of a claim: the claim, its history, comments and documents; a refusal leaves all of it. */
    private String snapshot(String id) {
        String claim = "/api/v1/claims/" + id;
        return api.as(DevUser.PARTNER_ADMIN).get(claim).expect(200).body()
                + api.as(DevUser.PARTNER_ADMIN).get(claim + "/history").expect(200).body()
                + api.as(DevUser.PARTNER_ADMIN).get(claim + "/comments").expect(200).body()
                + api.as(DevUser.PARTNER_ADMIN).get(claim + "/documents").expect(200).body();
    }

    @Test
    void requests_without_a_valid_token_are_unauthorized() {
        assertThat(api.as(null).get("/api/v1/claims").expect(401).json().get("type").asString())
                .isEqualTo("urn:cpor:problem:unauthenticated");
    }

    @Test
    void unknown_claims_are_not_found() {
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/c-nope").expect(404).json().get("type").asString())
                .isEqualTo("urn:cpor:problem:not-found");
    }

    // ---- documents

    @Test
    void stores_each_accepted_type_with_its_checksum_and_serves_the_same_bytes() throws Exception {
        String id = claims.create(microsoft365Claim());
        Map<String, byte[]> files = Map.of("poe.pdf", ClaimFixtures.pdf(), "poe.docx", ClaimFixtures.docx(),
                "signature.png", ClaimFixtures.png(), "photo.jpg", ClaimFixtures.jpeg());
        Map<String, String> types = Map.of("poe.pdf", "application/pdf",
                "poe.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "signature.png", "image/png", "photo.jpg", "image/jpeg");
        for (var file : files.entrySet()) {
            ApiResponse uploaded = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", file.getKey(), file.getValue()).expect(201);
            JsonNode document = uploaded.json();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.getValue()));
            assertThat(document.get("id").asString()).startsWith("d-");
            assertThat(document.get("contentType").asString()).isEqualTo(types.get(file.getKey()));
            assertThat(document.get("size").asLong()).isEqualTo(file.getValue().length);
            assertThat(document.get("sha256").asString()).isEqualTo(sha256);
            assertThat(uploaded.location()).hasToString("http://localhost:" + port
                    + "/api/v1/claims/" + id + "/documents/" + document.get("id").asString());

            ApiResponse download = api.as(DevUser.PARTNER_ADMIN).download(java.net.URI.create(uploaded.location()).getPath()).expect(200);
            assertThat(download.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(file.getValue());
            assertThat(download.contentType()).hasToString(types.get(file.getKey()));
            assertThat(org.springframework.http.ContentDisposition.parse(download.header("Content-Disposition")).getFilename()).isEqualTo(file.getKey());
        }
        assertThat(claims.get(id).get("documents")).hasSize(4);
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").json().toString())
                .contains("DOCUMENT_ADDED", "poe.docx");
    }

    @Test
    void a_renamed_executable_is_refused_as_unsupported() {
        String id = claims.create(microsoft365Claim());
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe.pdf", ClaimFixtures.executable()).expect(415).json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:unsupported-media-type");
        assertThat(claims.get(id).get("documents").isEmpty()).isTrue();
    }

    @Test
    void files_above_the_per_file_and_per_claim_limits_are_refused() {
        String id = claims.create(microsoft365Claim());
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(ClaimFixtures.pdf(), 0, big, 0, ClaimFixtures.pdf().length);
        assertThat(api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "big.pdf", big).expect(413).json().get("detail").asString())
                .contains("at most 10 MB");

        byte[] medium = new byte[600 * 1024];
        System.arraycopy(ClaimFixtures.pdf(), 0, medium, 0, ClaimFixtures.pdf().length);
        api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "first.pdf", medium).expect(201);
        assertThat(api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "second.pdf", medium).expect(413).json().get("detail").asString())
                .contains("documents of one claim");
        assertThat(claims.get(id).get("documents")).hasSize(1);
    }

    @Test
    void an_empty_file_is_invalid() {
        String id = claims.create(microsoft365Claim());
        assertThat(api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "empty.pdf", new byte[0]).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("file");
    }

    @Test
    void submit_without_a_document_is_refused_naming_documents() {
        String id = claims.create(microsoft365Claim());
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/submit", null).expect(400).json()
                .get("errors").findValuesAsString("field")).containsExactly("documents");
        assertThat(claims.status(id)).isEqualTo("EDITING");
    }

    @Test
    void documents_cannot_be_added_to_a_withdrawn_claim() {
        String id = claims.submitted(microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "WRONG_ACTIVITY")).expect(200);
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "late.pdf", ClaimFixtures.pdf()).expect(409).json();
        assertThat(problem.get("currentStatus").asString()).isEqualTo("REJECTED");
        assertThat(problem.get("allowedActions").toString()).isEqualTo("[\"comment\"]");
    }
}
