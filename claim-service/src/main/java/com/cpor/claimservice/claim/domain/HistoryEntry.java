package com.cpor.claimservice.claim.domain;

import com.cpor.events.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One append-only line of a claim's history: who did what, when, and for edits the before/after values. */
public record HistoryEntry(long sequence, String claimId, Instant at, Actor actor, Kind kind, String summary,
                           List<FieldChange> changes, Map<String, Object> details) {

    public enum Kind {
        CREATED, EDITED, DOCUMENT_ADDED, COMMENT_ADDED, STATUS_CHANGED, REVIEW_QUEUED, REVIEW_SLA_BREACHED,
        PARTNER_RESPONSE_REMINDER_DUE, CONSENT_REQUESTED, SENT_TO_EVALUATION, COMPETING_CLAIMS_DETECTED,
        OUTCOME_REFUSED, REVIEW_STARTED, ASSOCIATION_REVOKED, DECISION_TARGET_BREACHED, REVIEW_REASSIGNED
    }

    public HistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
        details = details == null ? Map.of() : details;
    }
}
