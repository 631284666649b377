package com.cpor.platform.timers;

import java.time.Instant;

/** A timer whose due time has come, handed to the {@link TimerHandler} of its kind. */
public record DueTimer(String timerId, String kind, String claimId, Instant dueAt, String payload, int attempt) {
}
