package com.cpor.notificationservice.notification.persistence;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.notificationservice.notification.application.ClaimDirectory;
import com.cpor.platform.messaging.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
class JdbcClaimDirectory implements ClaimDirectory {

    private final JdbcClient jdbc;

    JdbcClaimDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(ClaimSnapshot snapshot) {
        jdbc.sql("""
                        INSERT INTO known_claim (claim_id, snapshot_version, snapshot, updated_at) VALUES (?, ?, ?, now())
                        ON CONFLICT (claim_id) DO UPDATE
                        SET snapshot_version = excluded.snapshot_version, snapshot = excluded.snapshot, updated_at = now()
                        WHERE known_claim.snapshot_version <= excluded.snapshot_version""")
                .params(snapshot.claimId(), snapshot.version(), EventJson.mapper().writeValueAsString(snapshot))
                .update();
    }

    @Override
    public Optional<ClaimSnapshot> latestSnapshot(String claimId) {
        return jdbc.sql("SELECT snapshot FROM known_claim WHERE claim_id = ?").param(claimId)
                .query(String.class).optional()
                .map(json -> EventJson.mapper().readValue(json, ClaimSnapshot.class));
    }

    @Override
    public void assignReviewer(String claimId, Actor reviewer, Instant at) {
        jdbc.sql("""
                        INSERT INTO assigned_reviewer (claim_id, reviewer_id, reviewer_name, reviewer_email, assigned_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (claim_id) DO UPDATE SET reviewer_id = excluded.reviewer_id,
                            reviewer_name = excluded.reviewer_name, reviewer_email = excluded.reviewer_email,
                            assigned_at = excluded.assigned_at
                        WHERE assigned_reviewer.assigned_at <= excluded.assigned_at""")
                .params(claimId, reviewer.id(), reviewer.name(), reviewer.email(), Timestamp.from(at))
                .update();
    }

    @Override
    public Optional<Actor> assignedReviewer(String claimId) {
        return jdbc.sql("SELECT reviewer_id, reviewer_name, reviewer_email FROM assigned_reviewer WHERE claim_id = ?")
                .param(claimId)
                .query((rs, n) -> new Actor(rs.getString(1), rs.getString(2), rs.getString(3), Actor.ActorKind.REVIEWER))
                .optional();
    }
}
