package com.cpor.notificationservice.notification;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.notificationservice.notification.application.ClaimDirectory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The claim directory of unit tests. */
public class InMemoryClaimDirectory implements ClaimDirectory {

    private final Map<String, ClaimSnapshot> snapshots = new HashMap<>();
    private final Map<String, Actor> reviewers = new HashMap<>();

    @Override
    public void remember(ClaimSnapshot snapshot) {
        snapshots.merge(snapshot.claimId(), snapshot, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    @Override
    public Optional<ClaimSnapshot> latestSnapshot(String claimId) {
        return Optional.ofNullable(snapshots.get(claimId));
    }

    @Override
    public void assignReviewer(String claimId, Actor reviewer, Instant at) {
        reviewers.put(claimId, reviewer);
    }

    @Override
    public Optional<Actor> assignedReviewer(String claimId) {
        return Optional.ofNullable(reviewers.get(claimId));
    }
}
