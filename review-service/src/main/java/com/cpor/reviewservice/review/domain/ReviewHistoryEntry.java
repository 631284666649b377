package com.cpor.reviewservice.review.domain;

import com.cpor.events.Actor;

import java.time.Instant;

/** One line of the review's own record: reviewer actions, claim events seen, timers fired. */
public record ReviewHistoryEntry(Instant at, Actor actor, String action, String detail) {
}
