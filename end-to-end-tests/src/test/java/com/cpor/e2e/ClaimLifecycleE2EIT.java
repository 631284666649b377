package com.cpor.e2e;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ConsentPage;
import com.cpor.devinfra.DevUser;
import com.cpor.devinfra.SamplePartner;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both endings of an approved claim, exclusivity through a dispute, and two partners competing for one tenant
 * workload, across all four services as real processes. The two claims of the endings are approved
 * together, the one to be declined first: the decline test then watches its claim until past the end its window
 * would have had, and until the other claim's later window has run out and been handed off, without waiting a
 * window of its own (so the decline test runs first, while its window is open).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimLifecycleE2EIT {

    /** The organisation the local platform's directory has for the sample partner 1234567. */
    private static final SamplePartner PARTNER = SamplePartner.PARTNER_ONE;

    private static EventProbe downstream;
    private static String decliningCustomer;
    private static String declinedClaimId;
    private static String elapsingCustomer;
    private static String elapsingClaimId;

    @BeforeAll
    static void approveTwoClaims() {
        downstream = new EventProbe(E2EPlatform.get().kafkaBootstrapServers(),
                Topics.INCENTIVE_EVALUATION, Topics.CLAIMS, Topics.CONSENTS);
        decliningCustomer = "anna+" + UUID.randomUUID() + "@contoso.example";
        elapsingCustomer = "anna+" + UUID.randomUUID() + "@contoso.example";
        declinedClaimId = Claims.submitNewClaim(decliningCustomer, "pl-PL");
        elapsingClaimId = Claims.submitNewClaim(elapsingCustomer, "pl-PL");
        Claims.approve(declinedClaimId);
        Claims.approve(elapsingClaimId);
    }

    @AfterAll
    static void closeProbe() {
        downstream.close();
    }

    @Test
    @Order(1)
    void customer_declining_on_the_consent_page_rejects_the_claim_and_it_is_never_handed_off() {
        String link = ConsentMail.linkIn(ConsentMail.awaitFor(decliningCustomer));
        ConsentPage browser = new ConsentPage();
        ConsentPage.Page page = browser.open(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("lang=\"pl-PL\"", PARTNER.organisationName());
        ConsentPage.Page confirmation = browser.decline(link, page);
        assertThat(confirmation.status()).isEqualTo(200);

        JsonNode rejected = Claims.awaitClaim(declinedClaimId, claim -> "REJECTED".equals(claim.get("status").asString()));
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("CUSTOMER_DECLINED");

        // watch past the end the declined window had, and until a claim approved after it was handed off
        Instant windowEnd = windowEndOf(declinedClaimId);
        downstream.await(typed("association.ready-for-evaluation", elapsingClaimId), Duration.ofSeconds(90));
        Duration rest = Duration.between(Instant.now(), windowEnd.plusSeconds(2));
        List<ConsumerRecord<String, String>> seen = downstream.drain(rest.isNegative() ? Duration.ofMillis(500) : rest);
        assertThat(seen.stream().filter(typed("association.ready-for-evaluation", declinedClaimId))).isEmpty();
        // a timer firing after the decline would show as an elapsed window that claim-service refused
        assertThat(seen.stream().filter(typed("consent.window-elapsed", declinedClaimId))).isEmpty();
        assertThat(seen.stream().filter(typed("claim.outcome-refused", declinedClaimId))).isEmpty();
        JsonNode after = Claims.get(declinedClaimId);
        assertThat(after.get("status").asString()).isEqualTo("REJECTED");
        assertThat(after.get("eligibility").get("sentAt").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void approved_claim_is_sent_to_eligibility_evaluation_when_the_consent_window_elapses() {
        MimeMessage consentNotice = ConsentMail.awaitFor(elapsingCustomer);
        assertThat(ConsentMail.linkIn(consentNotice)).contains("/consent/");
        // the customer is told which company asks: the organisation of the partner directory, not only an MPN
        assertThat(ConsentMail.textOf(consentNotice)).contains(PARTNER.organisationName() + " (MPN 1234567)");
        JsonNode approved = Claims.awaitClaim(elapsingClaimId, claim -> !claim.get("deadlines").get("consentWindowEndsAt").isNull());
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");

        JsonNode sent = Claims.awaitClaim(elapsingClaimId, claim -> !claim.get("eligibility").get("sentAt").isNull());
        assertThat(sent.get("status").asString()).isEqualTo("APPROVED");
        ConsumerRecord<String, String> handOff = downstream.await(
                typed("association.ready-for-evaluation", elapsingClaimId), Duration.ofSeconds(60));
        assertThat(handOff.topic()).isEqualTo(Topics.INCENTIVE_EVALUATION);
        assertThat(handOff.value()).contains("\"partnerId\":\"1234567\"", "\"program\":\"OSU_M365\"", "TEAMS",
                "\"name\":\"" + PARTNER.organisationName() + "\"");
    }

    /**
     * §8 "Exclusivity through disputes": one partner's claim is rejected and disputed; meanwhile another partner claims
     * the same workload of the tenant, is approved and handed off. Overturning the dispute then re-runs the
     * competing-claim check of a submission: the overturn is refused (the claim stays DISPUTED, both are flagged
     * competing, the dispute reopens for the reviewer), so the workload keeps one partner of record and one hand-off.
     */
    @Test
    void overturning_a_dispute_never_gives_a_workload_a_second_partner_of_record() {
        ApiClient partner = E2EPlatform.as(DevUser.PARTNER_ADMIN);
        ApiClient otherPartner = E2EPlatform.as(DevUser.OTHER_PARTNER_ADMIN);
        ApiClient reviewer = E2EPlatform.as(DevUser.REVIEWER);
        String disputedCustomer = "anna+" + UUID.randomUUID() + "@contoso.example";
        Map<String, Object> first = new HashMap<>(Claims.newClaim(disputedCustomer, "en-US"));
        @SuppressWarnings("unchecked")
        String tenant = (String) ((Map<String, Object>) first.get("customer")).get("tenantId");
        String disputed = Claims.submit(partner, first);
        Claims.startReview(disputed);
        reviewer.post(E2EPlatform.reviews() + "/" + disputed + "/reject",
                Map.of("reason", "INSUFFICIENT_POE", "comment", "The PoE has no customer signature")).expect(200);
        Claims.awaitClaim(disputed, claim -> "REJECTED".equals(claim.get("status").asString()));
        partner.post(E2EPlatform.claims() + "/" + disputed + "/dispute",
                Map.of("justification", "The customer signed on page 2")).expect(200);

        Map<String, Object> second = new HashMap<>(Claims.newClaim("bob+" + UUID.randomUUID() + "@contoso.example", "en-US"));
        second.put("partnerId", "7654321");
        second.put("customer", first.get("customer"));
        second.put("products", List.of(Map.of("code", "TEAMS")));
        String holder = Claims.submit(otherPartner, second);
        Claims.approve(holder);
        downstream.await(typed("association.ready-for-evaluation", holder), Duration.ofSeconds(90));

        await().atMost(Duration.ofSeconds(60)).until(() -> "DISPUTE_OPEN".equals(reviewer
                .get(E2EPlatform.reviews() + "/" + disputed).expect(200).json().at("/review/status").asString()));
        reviewer.post(E2EPlatform.reviews() + "/" + disputed + "/dispute-decision",
                Map.of("outcome", "OVERTURN", "comment", "The signature is there")).expect(200);

        // the refusal comes back to review-service, which opens the dispute again beside the competing claim
        JsonNode reopened = await().atMost(Duration.ofSeconds(60)).until(
                () -> reviewer.get(E2EPlatform.reviews() + "/" + disputed).expect(200).json(),
                review -> "DISPUTE_OPEN".equals(review.at("/review/status").asString())
                        && review.at("/review/round").asInt() == 3);
        assertThat(reopened.at("/review/competingClaimIds").toString()).contains(holder);
        JsonNode claim = Claims.get(disputed);
        assertThat(claim.get("status").asString()).isEqualTo("DISPUTED");
        assertThat(claim.get("approvedAt").isNull()).isTrue();
        assertThat(E2EPlatform.as(DevUser.REVIEWER).get(E2EPlatform.claims() + "/" + holder).expect(200).json()
                .get("status").asString()).isEqualTo("APPROVED");
        List<ConsumerRecord<String, String>> handOffs = downstream.drain(Duration.ofSeconds(2)).stream()
                .filter(record -> record.value().contains(tenant))
                .filter(record -> "association.ready-for-evaluation".equals(EventProbe.header(record, "ce_type")))
                .toList();
        assertThat(handOffs).hasSize(1);
        assertThat(handOffs.getFirst().key()).isEqualTo(holder);
        assertThat(downstream.drain(Duration.ZERO).stream().filter(typed("consent.requested", disputed))).isEmpty();
    }

    /**
     * Competing claims are private (§8): two partners claim Teams of one tenant; each partner's claim, list, CSV export,
     * history, comments and e-mail show that its claim competes and nothing of the other claim; the reviewer sees both
     * side by side. The reviewer asks the first partner to remove Exchange Online: the e-mail names it and a
     * resubmission that still claims it is refused.
     */
    @Test
    void two_partners_claiming_one_tenant_workload_see_nothing_of_each_other_and_the_reviewer_sees_both() {
        String tenant = UUID.randomUUID().toString();
        String firstContact = "piotr+" + UUID.randomUUID() + "@partner-one.example";
        ApiClient first = E2EPlatform.as(DevUser.PARTNER_ADMIN);
        ApiClient second = E2EPlatform.as(DevUser.OTHER_PARTNER_ADMIN);
        ApiClient reviewer = E2EPlatform.as(DevUser.REVIEWER);
        String firstId = Claims.submit(first, claimOn(tenant, "1234567", firstContact, "TEAMS", "EXCHANGE_ONLINE"));
        String secondId = Claims.submit(second, claimOn(tenant, "7654321", "li.wei@partner-two.example", "TEAMS", "INTUNE"));

        for (Object[] side : List.of(new Object[]{first, firstId, secondId, "INTUNE"},
                new Object[]{second, secondId, firstId, "EXCHANGE_ONLINE"})) {
            ApiClient partner = (ApiClient) side[0];
            String own = (String) side[1];
            String theirs = (String) side[2];
            String theirProduct = (String) side[3];
            JsonNode claim = partner.get(E2EPlatform.claims() + "/" + own).expect(200).json();
            assertThat(claim.get("competing").asBoolean()).as("%s competes", own).isTrue();
            assertThat(claim.has("competingClaimIds")).isFalse();
            partner.post(E2EPlatform.claims() + "/" + own + "/comments", Map.of("text", "Signed PoE attached")).expect(201);
            List<String> views = List.of(claim.toString(),
                    partner.get(E2EPlatform.claims() + "?customerTenantId=" + tenant).expect(200).body(),
                    partner.get(E2EPlatform.claims() + "/export?customerTenantId=" + tenant, "text/csv").expect(200).body(),
                    partner.get(E2EPlatform.claims() + "/" + own + "/history").expect(200).body(),
                    partner.get(E2EPlatform.claims() + "/" + own + "/comments").expect(200).body());
            for (String view : views) {
                assertThat(view).as("what the partner of %s reads", own).doesNotContain(theirs, theirProduct,
                        "overlappingProducts", "7654321".equals(claim.get("partnerId").asString()) ? "1234567" : "7654321");
            }
            partner.get(E2EPlatform.claims() + "/" + theirs).expect(404);
        }

        JsonNode review = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> reviewer.get(E2EPlatform.reviews() + "/" + firstId),
                        r -> r.status() == 200 && r.json().path("competingClaims").size() == 1).json();
        assertThat(review.at("/competingClaims/0/claimId").asString()).isEqualTo(secondId);
        assertThat(review.at("/competingClaims/0/claim/partnerId").asString()).isEqualTo("7654321");
        assertThat(review.at("/competingClaims/0/claim/products").toString()).contains("INTUNE");
        assertThat(reviewer.get(E2EPlatform.claims() + "/" + secondId).expect(200).json().get("competingClaimIds")
                .toString()).isEqualTo("[\"" + firstId + "\"]");

        reviewer.post(E2EPlatform.reviews() + "/" + firstId + "/start", Map.of()).expect(200);
        Claims.awaitClaim(firstId, c -> "IN_REVIEW".equals(c.get("status").asString()));
        reviewer.post(E2EPlatform.reviews() + "/" + firstId + "/request-partner-action", Map.of(
                "reasons", List.of("MISSING_PRODUCTS"), "comment", "Exchange Online is not on the PoE",
                "productsToRemove", List.of("EXCHANGE_ONLINE"))).expect(200);
        JsonNode asked = Claims.awaitClaim(firstId, c -> "PARTNER_ACTION_REQUIRED".equals(c.get("status").asString()));
        assertThat(asked.at("/requestedChanges/productsToRemove").toString()).isEqualTo("[\"EXCHANGE_ONLINE\"]");
        String mail = ConsentMail.textOf(ConsentMail.awaitFor(firstContact));
        assertThat(mail).contains("Remove these products / workloads from the claim", "Exchange Online")
                .doesNotContain(secondId, "Intune");
        JsonNode refused = first.post(E2EPlatform.claims() + "/" + firstId + "/submit", Map.of()).expect(409).json();
        assertThat(refused.get("products").toString()).isEqualTo("[\"EXCHANGE_ONLINE\"]");
    }

    private static Map<String, Object> claimOn(String tenant, String partnerId, String partnerContact, String... products) {
        Map<String, Object> claim = new HashMap<>(Claims.newClaim("anna@contoso.example", "pl-PL"));
        claim.put("partnerId", partnerId);
        claim.put("customer", Map.of("tenantId", tenant, "domain", "contoso.onmicrosoft.com", "name", "Contoso Ltd"));
        claim.put("products", java.util.Arrays.stream(products).map(code -> Map.of("code", code)).toList());
        claim.put("partnerContact", Map.of("name", "Partner contact", "email", partnerContact, "locale", "en-US"));
        return claim;
    }

    /** The window's end as consent-service recorded it (counted from the notice's delivery). */
    private static Instant windowEndOf(String claimId) {
        JsonNode consents = E2EPlatform.as(DevUser.STAFF).get(E2EPlatform.consents() + "/" + claimId).expect(200).json();
        return Instant.parse(consents.get("windows").get(0).get("windowEndsAt").asString());
    }
}
