package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.events.ClaimStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: where claims are kept. Writes happen in the caller's transaction; locks last until it ends. */
public interface ClaimRepository {

    void insert(Claim claim);

    /** Stores the claim if it is still at {@code loadedVersion}; otherwise a concurrent change wins (optimistic lock). */
    void update(Claim claim, long loadedVersion);

    Optional<Claim> find(String claimId);

    /** Loads and locks the claim until the transaction ends, so outcomes and partner actions apply one at a time. */
    Optional<Claim> findForUpdate(String claimId);

    Map<ClaimStatus, Long> countByStatus();

    /** How many claims have each kind of deadline (the JSON key, e.g. {@code partnerResponseDueAt}) in the window. */
    Map<String, Long> countDeadlinesDueBetween(Instant from, Instant to);

    void delete(String claimId);

    /**
     * Serialises exclusivity decisions on one customer tenant until the transaction ends, so two claims submitted
     * at the same moment still see each other.
     */
    void lockTenantForExclusivity(String tenantId);

    /** Active claims on the same tenant that share an exclusivity key (workload or subscription) with {@code keys}. */
    List<Overlap> activeOverlapping(String tenantId, Collection<String> keys, String excludedClaimId);

    /** One page of claims matching the filter, visible to the given partners (or all, for reviewers). */
    ClaimPage search(ClaimSearch search, int page, int size);

    record Overlap(String claimId, String partnerId, String key) {
    }

    record ClaimPage(List<Claim> claims, long total) {
    }
}
