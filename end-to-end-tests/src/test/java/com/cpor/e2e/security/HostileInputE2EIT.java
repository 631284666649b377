package com.cpor.e2e.security;

import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.e2e.security.Fixtures.ClaimRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.cpor.e2e.security.Who.PARTNER_ADMIN;
import static com.cpor.e2e.security.Who.REVIEWER;
import static com.cpor.e2e.security.Who.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/** Mass assignment and size limits of the real services: refused with the field named, never applied. */
class HostileInputE2EIT {

    private static ClaimRef submitted;

    @BeforeAll
    static void prepare() {
        submitted = Fixtures.submitted();
    }

    @Test
    void creating_a_claim_with_fields_the_platform_keeps_is_refused_naming_the_field() {
        for (String field : List.of("status", "id", "createdBy", "reviewDecision")) {
            Map<String, Object> claim = new HashMap<>(Fixtures.newClaim(Fixtures.PARTNER));
            claim.put(field, "APPROVED");
            assertInvalid(SharedPlatform.as(PARTNER_ADMIN).post(SharedPlatform.claims(), claim), field);
        }
    }

    @Test
    void patching_a_claim_with_forbidden_or_unknown_fields_is_refused_naming_the_field() {
        ClaimRef editing = Fixtures.editing();
        String url = SharedPlatform.claims() + "/" + editing.id();
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).patch(url, "application/merge-patch+json",
                Map.of("status", "APPROVED")), "status");
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).patch(url, "application/merge-patch+json",
                Map.of("partnerOfRecord", true)), "partnerOfRecord");
        // after submission only partnerId, products and contacts stay editable
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).patch(SharedPlatform.claims() + "/" + submitted.id(),
                "application/merge-patch+json", Map.of("name", "Renamed after submit")), "name");
        assertThat(SharedPlatform.as(PARTNER_ADMIN).get(url).expect(200).json().get("status").asString()).isEqualTo("EDITING");
    }

    @Test
    void a_partner_cannot_create_or_move_a_claim_to_a_partner_it_does_not_act_for() {
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).post(SharedPlatform.claims(),
                Fixtures.newClaim(Fixtures.OTHER_PARTNER)), "partnerId");
        ClaimRef editing = Fixtures.editing();
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).patch(SharedPlatform.claims() + "/" + editing.id(),
                "application/merge-patch+json", Map.of("partnerId", Fixtures.OTHER_PARTNER)), "partnerId");
        assertThat(SharedPlatform.as(PARTNER_ADMIN).get(SharedPlatform.claims() + "/" + editing.id()).expect(200).json()
                .get("partnerId").asString()).isEqualTo(Fixtures.PARTNER);
    }

    @Test
    void reviewer_decisions_refuse_unknown_fields() {
        assertInvalid(SharedPlatform.as(REVIEWER).post(SharedPlatform.reviews() + "/" + submitted.id() + "/approve",
                Map.of("comment", "ok", "decidedBy", "someone-else")), "decidedBy");
    }

    @Test
    void page_sizes_above_the_maximum_are_refused() {
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).get(SharedPlatform.claims() + "?size=101"), "size");
        assertThat(SharedPlatform.as(PARTNER_ADMIN).get(SharedPlatform.claims() + "?size=100").status()).isEqualTo(200);
        assertThat(SharedPlatform.as(REVIEWER).get(SharedPlatform.reviews() + "?size=201").status()).isEqualTo(400);
        assertInvalid(SharedPlatform.as(STAFF).get(SharedPlatform.baseUrl("notification-service")
                + "/api/v1/notifications?status=SENT&size=501"), "size");
    }

    @Test
    void comments_above_5000_characters_are_refused() {
        String url = SharedPlatform.claims() + "/" + submitted.id() + "/comments";
        assertInvalid(SharedPlatform.as(PARTNER_ADMIN).post(url, Map.of("text", "x".repeat(5001))), "text");
        assertThat(SharedPlatform.as(PARTNER_ADMIN).post(url, Map.of("text", "y".repeat(5000))).status()).isEqualTo(201);
    }

    @Test
    void uploads_above_the_document_limit_get_413_and_uploads_are_judged_by_content() {
        String url = SharedPlatform.claims() + "/" + submitted.id() + "/documents";
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(ClaimFixtures.pdf(), 0, tooLarge, 0, ClaimFixtures.pdf().length);
        ApiResponse large = SharedPlatform.as(PARTNER_ADMIN).upload(url, "big.pdf", "application/pdf", tooLarge);
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.contentType()).startsWith("application/problem+json");

        ApiResponse disguised = SharedPlatform.as(PARTNER_ADMIN).upload(url, "poe.pdf", "application/pdf",
                "#!/bin/sh\necho not a pdf\n".getBytes());
        assertThat(disguised.status()).isEqualTo(415);
    }

    @Test
    void json_bodies_above_one_mebibyte_are_refused_before_parsing() {
        Map<String, Object> claim = new HashMap<>(Fixtures.newClaim(Fixtures.PARTNER));
        claim.put("name", "x".repeat(1024 * 1024));
        ApiResponse response = SharedPlatform.as(PARTNER_ADMIN).post(SharedPlatform.claims(), claim);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void api_responses_are_not_cached_sniffed_or_framed() {
        ApiResponse response = SharedPlatform.as(PARTNER_ADMIN).get(SharedPlatform.claims() + "/" + submitted.id());
        assertThat(response.status()).isEqualTo(200);
        // headers are checked through a raw request: the shared client keeps only status, body and type
        assertThat(RawHeaders.of(SharedPlatform.claims() + "/" + submitted.id(), PARTNER_ADMIN))
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("x-frame-options", "DENY")
                .hasEntrySatisfying("cache-control", value -> assertThat(value).contains("no-store"));
    }

    private static void assertInvalid(ApiResponse response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        JsonNode errors = response.json().get("errors");
        if (errors != null) {
            errors.forEach(error -> fields.add(error.get("field").asString()));
        }
        assertThat(fields).as(response.body()).anySatisfy(named -> assertThat(named).contains(field));
    }
}
