package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.HistoryEntry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Competing claims are private (§8): a partner learns that its claim competes, never the other partner's claim id,
 * products or history. Reviewers read the history as recorded; partners read it through {@link #forPartner}.
 */
final class CompetitorPrivacy {

    /** History details that describe the other claims (ids, the products they overlap on). */
    static final Set<String> COMPETITOR_DETAILS = Set.of("competingClaimIds", "overlappingProducts");

    static final String PARTNER_SUMMARY = "Another partner's active claim overlaps this claim; reviewers decide";
    private static final String OTHER_CLAIM = "another partner's claim";

    private CompetitorPrivacy() {
    }

    /**
     * The entry as a partner may read it: the competing-claims entry says only that the claim competes; any other
     * entry loses the details about competitors and, in its summary, the competing claims' ids.
     */
    static HistoryEntry forPartner(HistoryEntry entry, Collection<String> competingClaimIds) {
        boolean aboutCompetitors = entry.kind() == HistoryEntry.Kind.COMPETING_CLAIMS_DETECTED
                || entry.details().keySet().stream().anyMatch(COMPETITOR_DETAILS::contains);
        if (entry.kind() == HistoryEntry.Kind.COMPETING_CLAIMS_DETECTED) {
            return new HistoryEntry(entry.sequence(), entry.claimId(), entry.at(), entry.actor(), entry.kind(),
                    PARTNER_SUMMARY, List.of(), Map.of("competing", true));
        }
        String summary = entry.summary();
        for (String id : competingClaimIds) {
            summary = summary.replace(id, OTHER_CLAIM);
        }
        if (!aboutCompetitors && summary.equals(entry.summary())) {
            return entry;
        }
        Map<String, Object> details = new LinkedHashMap<>(entry.details());
        details.keySet().removeAll(COMPETITOR_DETAILS);
        return new HistoryEntry(entry.sequence(), entry.claimId(), entry.at(), entry.actor(), entry.kind(), summary,
                entry.changes(), details);
    }
}
