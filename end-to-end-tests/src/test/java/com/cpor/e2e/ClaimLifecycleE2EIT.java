package com.cpor.e2e;

import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;

/** Both endings of an approved claim, across all four services as real processes. */
class ClaimLifecycleE2EIT {

    private static EventProbe downstream;

    @BeforeAll
    static void startPlatform() {
        downstream = new EventProbe(E2EPlatform.get().kafkaBootstrapServers(),
                Topics.INCENTIVE_EVALUATION, Topics.CLAIMS, Topics.CONSENTS);
    }

    @AfterAll
    static void closeProbe() {
        downstream.close();
    }

    @Test
    void approved_claim_is_sent_to_eligibility_evaluation_when_the_consent_window_elapses() {
        String customer = "anna+" + UUID.randomUUID() + "@contoso.example";
        String claimId = Claims.submitNewClaim(customer, "pl-PL");
        Claims.approve(claimId);

        MimeMessage consentNotice = ConsentMail.awaitFor(customer);
        assertThat(ConsentMail.linkIn(consentNotice)).contains("/consent/");
        JsonNode approved = Claims.awaitClaim(claimId, claim -> !claim.get("deadlines").get("consentWindowEndsAt").isNull());
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");

        JsonNode sent = Claims.awaitClaim(claimId, claim -> !claim.get("eligibility").get("sentAt").isNull());
        assertThat(sent.get("status").asString()).isEqualTo("APPROVED");
        ConsumerRecord<String, String> handOff = downstream.await(
                typed("association.ready-for-evaluation", claimId), Duration.ofSeconds(60));
        assertThat(handOff.topic()).isEqualTo(Topics.INCENTIVE_EVALUATION);
        assertThat(handOff.value()).contains("\"partnerId\":\"1234567\"", "\"program\":\"OSU_M365\"", "TEAMS");
    }

    @Test
    void customer_declining_on_the_consent_page_rejects_the_claim() {
        String customer = "anna+" + UUID.randomUUID() + "@contoso.example";
        String claimId = Claims.submitNewClaim(customer, "pl-PL");
        Claims.approve(claimId);

        String link = ConsentMail.linkIn(ConsentMail.awaitFor(customer));
        Customer browser = new Customer();
        Customer.Page page = browser.open(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("lang=\"pl-PL\"");
        Customer.Page confirmation = browser.decline(link, page);
        assertThat(confirmation.status()).isEqualTo(200);

        JsonNode rejected = Claims.awaitClaim(claimId, claim -> "REJECTED".equals(claim.get("status").asString()));
        assertThat(rejected.get("rejection").get("reason").asString()).isEqualTo("CUSTOMER_DECLINED");
        assertThat(rejected.get("eligibility").get("sentAt").isNull()).isTrue();
        List<ConsumerRecord<String, String>> handOffs = downstream.drain(Duration.ofSeconds(1)).stream()
                .filter(typed("association.ready-for-evaluation", claimId)).toList();
        assertThat(handOffs).isEmpty();
    }
}
