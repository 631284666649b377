package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.HistoryEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the append-only history of each claim. */
public interface HistoryRepository {

    void append(HistoryEntry entry);

    /** When the claim entered its current status: its creation or its last status change. */
    Optional<Instant> statusEnteredAt(String claimId);

    List<HistoryEntry> list(String claimId);

    /** Oldest first, {@code limit} entries from {@code offset}. */
    List<HistoryEntry> list(String claimId, long offset, int limit);

    long count(String claimId);
}
