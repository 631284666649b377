package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.HistoryRepository;
import com.cpor.claimservice.claim.domain.FieldChange;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.events.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** The append-only history of each claim. */
@Repository
class JdbcHistoryRepository implements HistoryRepository {

    private final JdbcClient jdbc;

    JdbcHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(HistoryEntry entry) {
        jdbc.sql("""
                        INSERT INTO claim_history (claim_id, at, actor, kind, summary, changes, details)
                        VALUES (?, ?, CAST(? AS jsonb), ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))
                        """)
                .params(entry.claimId(), Timestamp.from(entry.at()), ClaimJson.write(entry.actor()), entry.kind().name(),
                        entry.summary(), entry.changes().isEmpty() ? null : ClaimJson.write(entry.changes()),
                        entry.details().isEmpty() ? null : ClaimJson.write(entry.details()))
                .update();
    }

    /** When the claim entered its current status: its creation or its last status change. */
    public Optional<Instant> statusEnteredAt(String claimId) {
        List<Timestamp> at = jdbc.sql("""
                        SELECT max(at) FROM claim_history WHERE claim_id = ? AND kind IN ('CREATED', 'STATUS_CHANGED')
                        """)
                .param(claimId)
                .query((rs, n) -> rs.getTimestamp(1))
                .list();
        return at.isEmpty() || at.getFirst() == null ? Optional.empty() : Optional.of(at.getFirst().toInstant());
    }

    public List<HistoryEntry> list(String claimId) {
        return list(claimId, 0, Integer.MAX_VALUE);
    }

    /** Oldest first, {@code limit} entries from {@code offset}. */
    public List<HistoryEntry> list(String claimId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT sequence_number, claim_id, at, actor, kind, summary, changes, details
                        FROM claim_history WHERE claim_id = ? ORDER BY sequence_number OFFSET ? LIMIT ?
                        """)
                .params(claimId, offset, limit)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        ClaimJson.read(rs.getString(4), Actor.class), HistoryEntry.Kind.valueOf(rs.getString(5)),
                        rs.getString(6),
                        ClaimJson.read(rs.getString(7), new TypeReference<List<FieldChange>>() {
                        }),
                        ClaimJson.read(rs.getString(8), new TypeReference<Map<String, Object>>() {
                        })))
                .list();
    }

    public long count(String claimId) {
        return jdbc.sql("SELECT count(*) FROM claim_history WHERE claim_id = ?").param(claimId).query(Long.class).single();
    }
}
