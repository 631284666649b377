package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import com.cpor.platform.testsupport.TestIdentity;
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
import static org.assertj.core.api.Assertions.assertThat;

/** The partner directory (spec §8): staff keep it, claims must name a partner it has, claims carry its organisation. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class PartnerDirectoryIT {

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
    void staff_add_and_replace_an_organisation_and_reviewers_look_it_up_by_any_of_its_ids() {
        String id = freshId();
        String location = freshId();
        Map<String, Object> organisation = Map.of("name", "Contoso Consulting Kft.", "country", "HU",
                "timeZone", "Europe/Budapest", "locationIds", List.of(location));

        ApiResponse created = api.as(DevUser.STAFF).put("/api/v1/partners/" + id, organisation).expect(201);
        assertThat(created.location()).hasToString("http://localhost:" + port + "/api/v1/partners/" + id);
        assertThat(created.json().get("version").asLong()).isEqualTo(1);

        JsonNode byLocation = api.as(DevUser.REVIEWER).get("/api/v1/partners/" + location).expect(200).json();
        assertThat(byLocation.get("partnerId").asString()).isEqualTo(id);
        assertThat(byLocation.get("name").asString()).isEqualTo("Contoso Consulting Kft.");
        assertThat(byLocation.get("locationIds").toString()).contains(location);

        Map<String, Object> renamed = new HashMap<>(organisation);
        renamed.put("name", "Contoso Consulting Zrt.");
        JsonNode replaced = api.as(DevUser.STAFF).put("/api/v1/partners/" + id, renamed).expect(200).json();
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        assertThat(replaced.get("createdAt").asString()).isEqualTo(created.json().get("createdAt").asString());

        JsonNode page = api.as(DevUser.STAFF).get("/api/v1/partners?q=Zrt&size=5").expect(200).json();
        assertThat(ApiResponse.each(page.get("items"), "partnerId")).contains(id);
        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.has("totalPages")).isTrue();
    }

    @Test
    void replacing_an_organisation_needs_the_etag_it_was_read_with_and_adding_one_needs_none() {
        String id = freshId();
        Map<String, Object> organisation = Map.of("name", "Fabrikam Sp. z o.o.", "country", "PL",
                "timeZone", "Europe/Warsaw");
        ApiResponse created = api.as(DevUser.STAFF).send("PUT", "/api/v1/partners/" + id, "application/json", organisation, Map.of()).expect(201);
        assertThat(created.etag()).isEqualTo("\"1\"");

        Map<String, Object> renamed = new HashMap<>(organisation);
        renamed.put("name", "Fabrikam Polska Sp. z o.o.");
        JsonNode required = api.as(DevUser.STAFF).send("PUT", "/api/v1/partners/" + id, "application/json", renamed, Map.of())
                .expect(428).json();
        assertThat(required.get("type").asString()).isEqualTo("urn:cpor:problem:precondition-required");
        ApiResponse replaced = api.as(DevUser.STAFF).send("PUT", "/api/v1/partners/" + id, "application/json", renamed, Map.of("If-Match", created.etag())).expect(200);
        assertThat(replaced.etag()).isEqualTo("\"2\"");
        JsonNode stale = api.as(DevUser.STAFF).send("PUT", "/api/v1/partners/" + id, "application/json", organisation, Map.of("If-Match", created.etag())).expect(412).json();
        assertThat(stale.get("currentETag").asString()).isEqualTo("\"2\"");
        ApiResponse read = api.as(DevUser.REVIEWER).get("/api/v1/partners/" + id).expect(200);
        assertThat(read.json().get("name").asString()).isEqualTo("Fabrikam Polska Sp. z o.o.");
        assertThat(read.etag()).isEqualTo("\"2\"");
    }

    @Test
    void only_staff_change_the_directory_and_partners_do_not_read_it() {
        Map<String, Object> organisation = Map.of("name", "Someone", "country", "PL", "timeZone", "Europe/Warsaw");
        assertThat(api.as(DevUser.REVIEWER).put("/api/v1/partners/" + freshId(), organisation).expect(403).contentType()).hasToString("application/problem+json");
        api.as(DevUser.PARTNER_ADMIN).put("/api/v1/partners/1234567", organisation).expect(403);
        api.as(DevUser.PARTNER_ADMIN).get("/api/v1/partners/1234567").expect(403);
        api.as(null).get("/api/v1/partners").expect(401);
        api.as(DevUser.STAFF).get("/api/v1/partners/" + freshId()).expect(404);
    }

    @Test
    void refuses_an_organisation_with_bad_fields_naming_each_of_them() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", " ");
        bad.put("country", "ZZ");
        bad.put("timeZone", "Mars/Olympus_Mons");
        bad.put("locationIds", List.of("ok-1", "ok-1", "not an id"));
        JsonNode problem = api.as(DevUser.STAFF).put("/api/v1/partners/" + freshId(), bad).expect(400).json();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "country", "timeZone", "locationIds[1]", "locationIds[2]");
    }

    @Test
    void an_id_another_organisation_holds_is_a_conflict() {
        Map<String, Object> taking = Map.of("name", "Copycat", "country", "PL", "timeZone", "Europe/Warsaw",
                "locationIds", List.of("1234568"));
        JsonNode problem = api.as(DevUser.STAFF).put("/api/v1/partners/" + freshId(), taking).expect(409).json();
        assertThat(problem.get("detail").asString()).contains("1234568", "1234567");
    }

    @Test
    void a_claim_for_a_partner_id_outside_the_directory_is_refused_on_create_and_edit_naming_partnerId() {
        String unknown = freshId();
        String token = partnerToken(List.of("1234567", unknown));
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("partnerId", unknown);
        JsonNode refused = api.withToken(token).post("/api/v1/claims", body).expect(400).json();
        assertThat(refused.get("errors").findValuesAsString("field")).containsExactly("partnerId");
        assertThat(refused.get("detail").asString()).contains(unknown, "partner directory");

        String id = api.withToken(token).post("/api/v1/claims", microsoft365Claim()).expect(201).json()
                .get("id").asString();
        JsonNode edit = api.withToken(token).patch("/api/v1/claims/" + id, Map.of("partnerId", unknown))
                .expect(400).json();
        assertThat(edit.get("errors").findValuesAsString("field")).containsExactly("partnerId");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).json().get("partnerId").asString())
                .isEqualTo("1234567");
    }

    @Test
    void a_claim_of_a_location_id_names_its_organisation_and_the_calendars_of_its_deadlines() {
        String token = partnerToken(List.of("1234568"));
        Map<String, Object> body = new HashMap<>(microsoft365Claim());
        body.put("partnerId", "1234568");
        JsonNode claim = api.withToken(token).post("/api/v1/claims", body).expect(201).json();

        JsonNode organisation = claim.get("partnerOrganisation");
        assertThat(organisation.get("partnerId").asString()).isEqualTo("1234567");
        assertThat(organisation.get("name").asString()).isEqualTo("Nowak IT Solutions sp. z o.o.");
        JsonNode partnerCalendar = claim.get("calendars").get("partner");
        assertThat(partnerCalendar.get("country").asString()).isEqualTo("PL");
        assertThat(partnerCalendar.get("timeZone").asString()).isEqualTo("Europe/Warsaw");
        assertThat(partnerCalendar.get("deadlines").toString()).contains("partnerResponseDueAt");
        assertThat(claim.get("calendars").get("review").get("deadlines").toString()).contains("reviewDecisionDueAt");
    }

    private static String partnerToken(List<String> partnerIds) {
        Map<String, Object> claims = DevIdentityProvider.claimsOf(DevUser.PARTNER_ADMIN);
        claims.put("partner_ids", partnerIds);
        return TestIdentity.provider().mint(claims, Duration.ofMinutes(10));
    }

    private static String freshId() {
        return String.format("9%09d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L));
    }
}
