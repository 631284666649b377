package com.cpor.reviewservice.review.domain;

import com.cpor.events.Actor;

import java.time.Instant;

/** A comment of the claim's thread, as published by claim-service. */
public record ReviewComment(String commentId, Actor author, String text, Instant at) {
}
