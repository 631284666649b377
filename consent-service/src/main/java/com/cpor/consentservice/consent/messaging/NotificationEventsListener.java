package com.cpor.consentservice.consent.messaging;

import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.events.Topics;
import com.cpor.events.notifications.NotificationEvent;
import com.cpor.platform.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** notification-service reports the customer's notice delivered (the window starts) or failed (it stays held). */
@Component
class NotificationEventsListener {

    static final String CONSUMER = "consent-notices";

    private final Inbox inbox;
    private final ConsentWindows consentWindows;

    NotificationEventsListener(Inbox inbox, ConsentWindows consentWindows) {
        this.inbox = inbox;
        this.consentWindows = consentWindows;
    }

    @KafkaListener(topics = Topics.NOTIFICATIONS)
    void on(NotificationEvent event) {
        inbox.processOnce(CONSUMER, event, consentWindows::onNoticeReport);
    }
}
