package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.FieldChange;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.claimservice.claim.domain.Transition;
import com.cpor.events.Actor;
import com.cpor.events.CporEvent;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records what happened to a claim: a history line and, where others must know, an event in the outbox. */
@Component
public class ClaimJournal {

    private final HistoryRepository history;
    private final Outbox outbox;
    private final Clock clock;
    private final ClaimMetrics metrics;

    public ClaimJournal(HistoryRepository history, Outbox outbox, Clock clock, ClaimMetrics metrics) {
        this.history = history;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Instant now() {
        return clock.instant();
    }

    public UUID newEventId() {
        return UUID.randomUUID();
    }

    public void record(String claimId, Actor actor, HistoryEntry.Kind kind, String summary,
                       List<FieldChange> changes, Map<String, Object> details) {
        history.append(new HistoryEntry(0, claimId, now(), actor, kind, summary, changes, details));
    }

    public void record(String claimId, Actor actor, HistoryEntry.Kind kind, String summary) {
        record(claimId, actor, kind, summary, List.of(), Map.of());
    }

    public void publish(CporEvent event) {
        outbox.append(event);
    }

    /** Every transition: a history line and a ClaimStatusChanged with the claim as it now stands and the cause. */
    public void statusChanged(Claim claim, Transition transition) {
        statusChanged(claim, transition, Map.of());
    }

    /** @param context more of the cause for the history (respond-by date, products the reviewer wants removed) */
    public void statusChanged(Claim claim, Transition transition, Map<String, Object> context) {
        java.time.Duration timeInStatus = history.statusEnteredAt(claim.id())
                .map(entered -> java.time.Duration.between(entered, now())).orElse(null);
        metrics.transition(transition.from(), transition.to(), timeInStatus);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", transition.from());
        details.put("to", transition.to());
        if (!transition.reasonCodes().isEmpty()) {
            details.put("reasonCodes", transition.reasonCodes());
        }
        if (transition.comment() != null) {
            details.put("comment", transition.comment());
        }
        details.putAll(context);
        record(claim.id(), transition.actor(), HistoryEntry.Kind.STATUS_CHANGED,
                transition.from() + " → " + transition.to(), List.of(), details);
        publish(new ClaimStatusChanged(newEventId(), now(), claim.id(), transition.from(), transition.to(),
                transition.actor(), transition.reasonCodes(), transition.comment(), ClaimSnapshots.of(claim)));
    }
}
