package com.cpor.notificationservice.notification.messaging;

import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimEvent;
import com.cpor.events.consents.ConsentEvent;
import com.cpor.events.reviews.ReviewEvent;
import com.cpor.notificationservice.notification.application.NotificationIntake;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The three topics whose events trigger notices; each event is recorded once (inbox) as pending mail. */
@Component
class NotificationTriggers {

    private final NotificationIntake intake;

    NotificationTriggers(NotificationIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(topics = Topics.CONSENTS)
    void on(ConsentEvent event) {
        intake.accept(event);
    }

    @KafkaListener(topics = Topics.CLAIMS)
    void on(ClaimEvent event) {
        intake.accept(event);
    }

    @KafkaListener(topics = Topics.REVIEWS)
    void on(ReviewEvent event) {
        intake.accept(event);
    }
}
