package com.cpor.notificationservice.notification.application;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;

import java.time.Instant;
import java.util.Optional;

/** What this service remembers about claims from earlier events, for events that do not carry it. */
public interface ClaimDirectory {

    /** Keeps the snapshot unless a newer version is already known. */
    void remember(ClaimSnapshot snapshot);

    Optional<ClaimSnapshot> latestSnapshot(String claimId);

    void assignReviewer(String claimId, Actor reviewer, Instant at);

    Optional<Actor> assignedReviewer(String claimId);
}
