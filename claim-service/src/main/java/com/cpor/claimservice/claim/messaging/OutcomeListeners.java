package com.cpor.claimservice.claim.messaging;

import com.cpor.claimservice.claim.application.ClaimOutcomes;
import com.cpor.events.Topics;
import com.cpor.events.consents.ConsentEvent;
import com.cpor.events.reviews.ReviewEvent;
import com.cpor.platform.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Review and consent outcomes from their topics, each applied once (inbox) in the transaction of its effect. */
@Component
class OutcomeListeners {

    private final Inbox inbox;
    private final ClaimOutcomes outcomes;

    OutcomeListeners(Inbox inbox, ClaimOutcomes outcomes) {
        this.inbox = inbox;
        this.outcomes = outcomes;
    }

    @KafkaListener(topics = Topics.REVIEWS)
    void onReview(ReviewEvent event) {
        inbox.processOnce("claim-review-outcomes", event, outcomes::apply);
    }

    @KafkaListener(topics = Topics.CONSENTS)
    void onConsent(ConsentEvent event) {
        inbox.processOnce("claim-consent-outcomes", event, outcomes::apply);
    }
}
