package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A comment on the claim thread, by a partner or a reviewer. */
@JsonTypeName("claim.comment-added")
public record CommentAdded(UUID eventId, Instant occurredAt, String claimId,
        String commentId, Actor author, String text, ClaimSnapshot claim) implements ClaimEvent {
}
