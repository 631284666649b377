package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.application.ClaimRepository.Overlap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Why an overturn cannot make a claim the partner of record (§8), as the partner's history will show it. */
class ClaimExclusivityOverlapsTest {

    @Test
    void the_partner_s_own_holders_are_named_once_each_and_other_partners_claims_only_by_what_they_hold() {
        ClaimExclusivity.Overlaps overlaps = new ClaimExclusivity.Overlaps(
                List.of(new Overlap("c-own", "1234567", "TEAMS"), new Overlap("c-own", "1234567", "INTUNE")),
                List.of(new Overlap("c-theirs", "7654321", "TEAMS"), new Overlap("c-theirs-2", "7654321", "TEAMS")));

        assertThat(overlaps.isEmpty()).isFalse();
        assertThat(overlaps.heldBy()).containsExactly(
                "the partner's active claim c-own holds TEAMS, INTUNE of this tenant",
                "another partner's active claim holds TEAMS of this tenant");
    }

    @Test
    void each_kind_of_holder_gets_its_line_only_when_there_is_one() {
        Overlap own = new Overlap("c-own", "1234567", "TEAMS");
        Overlap theirs = new Overlap("c-theirs", "7654321", "ONEDRIVE");

        assertThat(new ClaimExclusivity.Overlaps(List.of(own), List.of()).heldBy())
                .containsExactly("the partner's active claim c-own holds TEAMS of this tenant");
        assertThat(new ClaimExclusivity.Overlaps(List.of(), List.of(theirs)).heldBy())
                .containsExactly("another partner's active claim holds ONEDRIVE of this tenant");
        assertThat(new ClaimExclusivity.Overlaps(List.of(own), List.of()).isEmpty()).isFalse();
        assertThat(new ClaimExclusivity.Overlaps(List.of(), List.of(theirs)).isEmpty()).isFalse();
        ClaimExclusivity.Overlaps none = new ClaimExclusivity.Overlaps(List.of(), List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.heldBy()).isEmpty();
    }
}
