package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.FieldChange;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.events.Actor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** §8: a partner learns that its claim competes, never the other claims' ids, products or history. */
class CompetitorPrivacyTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Actor SYSTEM = new Actor("claim-service", "CPOR", null, Actor.ActorKind.SYSTEM);
    private static final List<String> COMPETING = List.of("c-other-1", "c-other-2");

    @Test
    void the_competing_claims_entry_tells_the_partner_only_that_the_claim_competes() {
        HistoryEntry detected = new HistoryEntry(7, "c-1", AT, SYSTEM, HistoryEntry.Kind.COMPETING_CLAIMS_DETECTED,
                "Competes with c-other-1 on TEAMS", List.of(),
                Map.of("competingClaimIds", COMPETING, "overlappingProducts", List.of("TEAMS")));

        HistoryEntry seen = CompetitorPrivacy.forPartner(detected, COMPETING);

        assertThat(seen).isEqualTo(new HistoryEntry(7, "c-1", AT, SYSTEM, HistoryEntry.Kind.COMPETING_CLAIMS_DETECTED,
                "Another partner's active claim overlaps this claim; reviewers decide", List.of(),
                Map.of("competing", true)));
    }

    @Test
    void another_entry_loses_the_competitors_ids_from_its_summary_and_their_details_but_keeps_the_rest() {
        List<FieldChange> changes = List.of(new FieldChange("name", "Old", "New"));
        HistoryEntry refused = new HistoryEntry(9, "c-1", AT, SYSTEM, HistoryEntry.Kind.OUTCOME_REFUSED,
                "Approval refused: c-other-2 and c-other-1 hold TEAMS", changes,
                Map.of("competingClaimIds", COMPETING, "overlappingProducts", List.of("TEAMS"), "reason", "EXCLUSIVITY"));

        HistoryEntry seen = CompetitorPrivacy.forPartner(refused, COMPETING);

        assertThat(seen.summary())
                .isEqualTo("Approval refused: another partner's claim and another partner's claim hold TEAMS");
        assertThat(seen.details()).containsExactly(Map.entry("reason", "EXCLUSIVITY"));
        assertThat(seen.changes()).isEqualTo(changes);
        assertThat(List.of(seen.sequence(), seen.claimId(), seen.at(), seen.actor(), seen.kind()))
                .containsExactly(9L, "c-1", AT, SYSTEM, HistoryEntry.Kind.OUTCOME_REFUSED);
    }

    @Test
    void competitor_details_are_dropped_even_when_the_summary_names_no_competitor() {
        HistoryEntry queued = new HistoryEntry(3, "c-1", AT, SYSTEM, HistoryEntry.Kind.REVIEW_QUEUED, "Review queued",
                List.of(), Map.of("overlappingProducts", List.of("TEAMS"), "round", 1));

        assertThat(CompetitorPrivacy.forPartner(queued, COMPETING).details()).containsExactly(Map.entry("round", 1));
    }

    @Test
    void an_entry_that_says_nothing_about_competitors_is_shown_as_recorded() {
        HistoryEntry edited = new HistoryEntry(2, "c-1", AT, SYSTEM, HistoryEntry.Kind.EDITED, "Edited name",
                List.of(new FieldChange("name", "Old", "New")), Map.of("round", 1));

        assertThat(CompetitorPrivacy.forPartner(edited, COMPETING)).isSameAs(edited);
    }
}
