package com.cpor.consentservice.consent.messaging;

import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimEvent;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.platform.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** claim-service is the system of record for claim status: windows open and close on its status changes. */
@Component
class ClaimEventsListener {

    static final String CONSUMER = "consent-windows";

    private final Inbox inbox;
    private final ConsentWindows consentWindows;

    ClaimEventsListener(Inbox inbox, ConsentWindows consentWindows) {
        this.inbox = inbox;
        this.consentWindows = consentWindows;
    }

    @KafkaListener(topics = Topics.CLAIMS)
    void on(ClaimEvent event) {
        if (event instanceof ClaimStatusChanged change) {
            inbox.processOnce(CONSUMER, change, consentWindows::onClaimStatusChanged);
        }
    }
}
