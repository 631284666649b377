package com.cpor.claimservice.claim.domain;

import com.cpor.events.Actor;

import java.time.Instant;

/** One message of the claim's thread between partner and reviewers. */
public record Comment(String id, String claimId, Actor author, String text, Instant createdAt) {
}
