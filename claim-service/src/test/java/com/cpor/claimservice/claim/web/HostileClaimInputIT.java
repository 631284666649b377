package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that must be neither slow nor fatal (issue 12): every validated field at 1 MiB, NUL and broken Unicode in
 * every text field and in {@code q}, pathological e-mails, wrong types, per-claim limits, bounded uploads.
 */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class HostileClaimInputIT {

    /** Under the 1 MiB body limit together with the rest of a claim, so that the field rules answer (400). */
    private static final String HUGE = "x".repeat(1_000_000);
    private static final String NUL = "a\u0000b";
    private static final String CLAIMS = "/api/v1/claims";

    /** Every field of a claim a partner sets, by its path in the body (a revenue association claim has them all). */
    private static final List<String> FIELDS = List.of("name", "partnerId", "solutionArea", "activity",
            "customer.tenantId", "customer.domain", "customer.name", "products[0].code", "products[0].subscriptionId",
            "customerContact.name", "customerContact.title", "customerContact.email", "customerContact.locale",
            "customerTechnicalContact.name", "customerTechnicalContact.title", "customerTechnicalContact.email",
            "customerTechnicalContact.locale", "partnerContact.name", "partnerContact.title", "partnerContact.email",
            "partnerContact.locale", "solutionSellerName", "isvSolutionName");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private TestApi api;
    private ClaimFixtures claims;

    @BeforeEach
    void client() {
        api = new TestApi(port);
        claims = new ClaimFixtures(api.as(DevUser.PARTNER_ADMIN), ClaimFixtures.CLAIMS);
    }

    // ---- create, edit, comment, withdraw, dispute with 1 MiB values

    @Test
    void one_mebibyte_in_any_field_of_a_new_claim_is_a_400_naming_the_field() {
        api.as(DevUser.PARTNER_ADMIN).post(CLAIMS, revenueClaim()).expect(201);
        for (String field : FIELDS) {
            ApiResponse response = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS, with(revenueClaim(), field, HUGE));
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(fieldsOf(response)).as(field).contains(field);
            assertThat(response.body()).as(field).doesNotContain(HUGE.substring(0, 1000), "com.cpor", "java.");
        }
    }

    @Test
    void one_mebibyte_in_any_field_of_an_edit_is_a_400_naming_the_field() {
        String id = claims.create(revenueClaim());
        for (String field : FIELDS) {
            ApiResponse response = api.as(DevUser.PARTNER_ADMIN).patch(CLAIMS + "/" + id,
                    with(new LinkedHashMap<>(), field, HUGE));
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(fieldsOf(response)).as(field).contains(field);
        }
        assertThat(claims.get(id).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void one_mebibyte_comments_reasons_justifications_and_document_ids_are_a_400_naming_them() {
        String id = claims.submitted(microsoft365Claim());
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/comments", Map.of("text", HUGE))
                .expect(400))).containsExactly("text");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/dispute",
                Map.of("justification", HUGE)).expect(400))).containsExactly("justification");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/dispute",
                Map.of("documentIds", List.of(HUGE))).expect(400))).containsExactly("documentIds[0]");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/withdraw", Map.of("reason", HUGE))
                .expect(400))).containsExactly("reason");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/withdraw",
                Map.of("reason", "OTHER", "text", HUGE)).expect(400))).containsExactly("text");
        assertThat(claims.status(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void a_body_above_the_limit_is_a_413_before_any_rule_runs() {
        ApiResponse response = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS,
                with(revenueClaim(), "name", "x".repeat(1_100_000)));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).hasToString("application/problem+json");
    }

    @Test
    void a_pathological_email_is_a_400_naming_the_field() {
        ApiResponse response = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS,
                with(revenueClaim(), "customerContact.email", "a@" + ".".repeat(40_000) + "@")).expect(400);
        assertThat(fieldsOf(response)).containsExactly("customerContact.email");
    }

    // ---- control characters and invalid Unicode (issue 12: NUL was a 500 from PostgreSQL)

    @Test
    void nul_in_any_text_field_of_a_new_claim_or_an_edit_is_a_400_naming_the_field() {
        String id = claims.create(revenueClaim());
        for (String field : FIELDS) {
            ApiResponse created = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS, with(revenueClaim(), field, NUL));
            assertThat(created.status()).as(field).isEqualTo(400);
            assertThat(fieldsOf(created)).as(field).contains(field);
            ApiResponse edited = api.as(DevUser.PARTNER_ADMIN).patch(CLAIMS + "/" + id,
                    with(new LinkedHashMap<>(), field, NUL));
            assertThat(edited.status()).as(field).isEqualTo(400);
            assertThat(fieldsOf(edited)).as(field).contains(field);
        }
    }

    @Test
    void nul_and_unpaired_surrogates_in_comments_reasons_and_justifications_are_a_400_naming_them() {
        String id = claims.submitted(microsoft365Claim());
        String comments = CLAIMS + "/" + id + "/comments";
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(comments, Map.of("text", NUL)).expect(400)))
                .containsExactly("text");
        assertThat(fieldsOf(api.as(DevUser.REVIEWER).post(comments, "{\"text\":\"broken \\ud800 text\"}").expect(400)))
                .containsExactly("text");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/dispute",
                Map.of("justification", NUL)).expect(400))).containsExactly("justification");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/dispute",
                Map.of("documentIds", List.of("d-1", NUL))).expect(400))).containsExactly("documentIds[1]");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_ADMIN).post(CLAIMS + "/" + id + "/withdraw", Map.of("reason", NUL))
                .expect(400))).containsExactly("reason");

        api.as(DevUser.PARTNER_ADMIN).post(comments, Map.of("text", "Line one\n\tLine two\r\n")).expect(201);
        assertThat(claims.status(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void nul_or_broken_utf8_in_the_list_filter_or_a_claim_id_is_a_400_naming_the_parameter() throws Exception {
        for (String query : List.of("q=a%00b", "q=%C3%28", "customerTenantId=%00", "status=SUBMITTED%00",
                "sort=name%00")) {
            ApiResponse response = rawGet(CLAIMS + "?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(fieldsOf(response)).as(query).containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertThat(fieldsOf(rawGet(CLAIMS + "/c-%01/history").expect(400))).containsExactly("id");
        rawGet(CLAIMS + "?q=za%C5%BC%C3%B3%C5%82%C4%87").expect(200);
    }

    @Test
    void wrong_types_and_unknown_values_say_what_is_expected_without_java_type_names() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("solutionArea", "must be one of [MICROSOFT_365, BUSINESS_APPLICATIONS]");
        cases.put("products", "must be an array");
        cases.put("customer", "must be an object");
        for (var wrong : cases.entrySet()) {
            Map<String, Object> body = new HashMap<>(microsoft365Claim());
            body.put(wrong.getKey(), wrong.getKey().equals("solutionArea") ? "AZURE" : "text");
            ApiResponse response = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS, body).expect(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(wrong.getKey());
            assertThat(response.json().get("errors").get(0).get("message").asString()).isEqualTo(wrong.getValue());
            assertThat(response.body()).doesNotContain("com.cpor", "java.", "`");
        }
        ApiResponse page = rawGet(CLAIMS + "?page=first").expect(400);
        assertThat(fieldsOf(page)).containsExactly("page");
        assertThat(page.body()).doesNotContain("java.", "NumberFormatException");
    }

    // ---- limits per claim and pagination

    @Test
    void more_products_than_the_limit_are_one_400() {
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            products.add(Map.of("code", "POWER_BI_PRO", "subscriptionId", UUID.randomUUID().toString()));
        }
        Map<String, Object> body = revenueClaim();
        body.put("products", products);
        ApiResponse response = api.as(DevUser.PARTNER_ADMIN).post(CLAIMS, body).expect(400);
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(fieldsOf(response)).containsExactly("products");
    }

    @Test
    void comments_beyond_the_limit_are_refused_and_the_thread_is_paginated() {
        String id = claims.submitted(microsoft365Claim());
        String comments = CLAIMS + "/" + id + "/comments";
        for (int i = 1; i <= 5; i++) {
            api.as(DevUser.REVIEWER).post(comments, Map.of("text", "Comment " + i)).expect(201);
        }
        JsonNode refused = api.as(DevUser.PARTNER_ADMIN).post(comments, Map.of("text", "One more")).expect(409).json();
        assertThat(refused.get("type").asString()).isEqualTo("urn:cpor:problem:comment-limit");

        JsonNode page = api.as(DevUser.PARTNER_READER).get(comments + "?page=1&size=2").expect(200).json();
        assertThat(ApiResponse.each(page.get("items"), "text")).containsExactly("Comment 3", "Comment 4");
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalItems").asLong()).isEqualTo(5);
        assertThat(page.get("totalPages").asLong()).isEqualTo(3);

        JsonNode history = api.as(DevUser.PARTNER_READER).get(CLAIMS + "/" + id + "/history?size=3").expect(200).json();
        assertThat(ApiResponse.each(history.get("items"), "kind")).containsExactly("CREATED", "DOCUMENT_ADDED",
                "STATUS_CHANGED");
        assertThat(history.get("totalItems").asLong()).isEqualTo(8);

        assertThat(fieldsOf(api.as(DevUser.PARTNER_READER).get(comments + "?size=101").expect(400))).containsExactly("size");
        assertThat(fieldsOf(api.as(DevUser.PARTNER_READER).get(comments + "?page=-1").expect(400))).containsExactly("page");
    }

    @Test
    void documents_beyond_the_limit_are_refused_and_the_list_is_paginated() {
        String id = claims.create(microsoft365Claim());
        for (int i = 1; i <= 5; i++) {
            api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe-" + i + ".pdf", ClaimFixtures.pdf()).expect(201);
        }
        JsonNode refused = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe-6.pdf", ClaimFixtures.pdf()).expect(409).json();
        assertThat(refused.get("type").asString()).isEqualTo("urn:cpor:problem:document-limit");

        JsonNode page = api.as(DevUser.PARTNER_READER).get(CLAIMS + "/" + id + "/documents?page=2&size=2").expect(200).json();
        assertThat(ApiResponse.each(page.get("items"), "fileName")).containsExactly("poe-5.pdf");
        assertThat(page.get("totalItems").asLong()).isEqualTo(5);
    }

    @Test
    void a_file_too_small_for_its_type_is_a_400_naming_the_file() {
        String id = claims.create(microsoft365Claim());
        byte[] tiny = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        ApiResponse response = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "tiny.pdf", tiny).expect(400);
        assertThat(fieldsOf(response)).containsExactly("file");
        assertThat(response.body()).contains("too small to be a PDF");
    }

    @Test
    void a_zip_bomb_is_refused_and_judged_before_the_claim_is_locked() throws Exception {
        String id = claims.create(microsoft365Claim());
        byte[] bomb = zipBomb();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM claim WHERE claim_id = ? FOR UPDATE")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            try {
                CompletableFuture<ApiResponse> upload = CompletableFuture.supplyAsync(() ->
                        api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "poe.docx", bomb));
                // answered while another transaction still holds the claim's row: the file was judged first
                ApiResponse response = upload.get(30, TimeUnit.SECONDS).expect(400);
                assertThat(fieldsOf(response)).containsExactly("file");
                assertThat(response.body()).contains("ZIP package");
            } finally {
                other.rollback();
            }
        }
        assertThat(claims.get(id).get("documents").isEmpty()).isTrue();
    }

    // ---- helpers

    /** GET exactly as written (the client sends the '%' escapes as they are), as a reviewer. */
    private ApiResponse rawGet(String pathAndQuery) {
        return api.as(DevUser.REVIEWER).get(pathAndQuery);
    }

    private static List<String> fieldsOf(ApiResponse response) {
        return response.json().get("errors").findValuesAsString("field");
    }

    /** A valid Business Applications revenue association claim with every optional field set. */
    private static Map<String, Object> revenueClaim() {
        Map<String, Object> body = new LinkedHashMap<>(microsoft365Claim());
        body.put("solutionArea", "BUSINESS_APPLICATIONS");
        body.put("activity", "REVENUE_ASSOCIATION");
        body.put("products", List.of(Map.of("code", "POWER_BI_PRO", "subscriptionId", UUID.randomUUID().toString())));
        body.put("customerTechnicalContact", Map.of("name", "Jan Kowalski", "title", "Architect",
                "email", "jan@contoso.example", "locale", "pl-PL"));
        body.put("partnerContact", Map.of("name", "Piotr Nowak", "title", "Sales", "email", "piotr@partner.example",
                "locale", "en-US"));
        body.put("solutionSellerName", "Seller Co");
        body.put("isvSolutionName", "Insight 365");
        return body;
    }

    /** {@code body} with the value at {@code path} ("customer.name", "products[0].code") replaced; copies on the way. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        String[] parts = path.split("\\.", 2);
        String head = parts[0];
        if (head.endsWith("[0]")) {
            String name = head.substring(0, head.length() - 3);
            List<Object> list = new ArrayList<>((List<Object>) revenueClaim().get(name));
            Map<String, Object> first = (Map<String, Object>) list.getFirst();
            list.set(0, with(first, parts[1], value));
            copy.put(name, list);
        } else if (parts.length == 2) {
            Map<String, Object> nested = body.get(head) instanceof Map<?, ?> existing
                    ? (Map<String, Object>) existing : (Map<String, Object>) revenueClaim().get(head);
            copy.put(head, with(nested, parts[1], value));
        } else {
            copy.put(head, value);
        }
        return copy;
    }

    /** A DOCX-looking ZIP whose first entry inflates to 200 MiB of zeros (a few hundred kilobytes on the wire). */
    private static byte[] zipBomb() {
        return ClaimFixtures.docx(200);
    }
}
