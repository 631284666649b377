package com.cpor.events;

import com.cpor.events.claims.ClaimEvent;
import com.cpor.events.consents.ConsentEvent;
import com.cpor.events.incentives.IncentiveEvaluationEvent;
import com.cpor.events.notifications.NotificationEvent;
import com.cpor.events.reviews.ReviewEvent;

import java.util.List;
import java.util.Map;

/** The platform's topics. Each has exactly one writer; the record key is always the claim id. */
public final class Topics {

    /** Written by claim-service, the system of record for claim status. */
    public static final String CLAIMS = "cpor.claims.v1";
    /** Written by review-service: reviewer decisions and SLA breaches. */
    public static final String REVIEWS = "cpor.reviews.v1";
    /** Written by consent-service: the customer's opt-out window. */
    public static final String CONSENTS = "cpor.consents.v1";
    /** Written by claim-service for downstream incentive-eligibility evaluation. */
    public static final String INCENTIVE_EVALUATION = "cpor.incentive-evaluation.v1";
    /** Written by notification-service: delivery (or permanent failure) of notices that must reach someone. */
    public static final String NOTIFICATIONS = "cpor.notifications.v1";

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private static final Map<String, Class<? extends CporEvent>> EVENT_TYPE_BY_TOPIC = Map.of(
            CLAIMS, ClaimEvent.class,
            REVIEWS, ReviewEvent.class,
            CONSENTS, ConsentEvent.class,
            INCENTIVE_EVALUATION, IncentiveEvaluationEvent.class,
            NOTIFICATIONS, NotificationEvent.class);

    private Topics() {
    }

    public static List<String> all() {
        return List.of(CLAIMS, REVIEWS, CONSENTS, INCENTIVE_EVALUATION, NOTIFICATIONS);
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The sealed event type carried by a topic; payloads name their concrete type in {@code type}. */
    public static Class<? extends CporEvent> eventTypeOf(String topic) {
        Class<? extends CporEvent> type = EVENT_TYPE_BY_TOPIC.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("Unknown topic: " + topic);
        }
        return type;
    }

    /** The topic an event belongs on, from the sealed family it implements. */
    public static String topicOf(Class<? extends CporEvent> eventClass) {
        return EVENT_TYPE_BY_TOPIC.entrySet().stream()
                .filter(entry -> entry.getValue().isAssignableFrom(eventClass))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic carries " + eventClass.getName()));
    }
}
