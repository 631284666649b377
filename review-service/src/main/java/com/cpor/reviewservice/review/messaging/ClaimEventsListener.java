package com.cpor.reviewservice.review.messaging;

import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimEvent;
import com.cpor.platform.inbox.Inbox;
import com.cpor.reviewservice.review.application.ClaimEventReactions;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes {@code cpor.claims.v1}; each event is applied once (inbox) with retries and a dead-letter topic. */
@Component
public class ClaimEventsListener {

    static final String CONSUMER = "review-queue";

    private final Inbox inbox;
    private final ClaimEventReactions reactions;

    public ClaimEventsListener(Inbox inbox, ClaimEventReactions reactions) {
        this.inbox = inbox;
        this.reactions = reactions;
    }

    @KafkaListener(topics = Topics.CLAIMS)
    public void on(ClaimEvent event) {
        inbox.processOnce(CONSUMER, event, reactions::apply);
    }
}
