package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.PoeDocument;

import java.util.List;

/**
 * A claim with its documents, what the partner can do next, and the calendars its deadlines are counted in, for one
 * caller: {@code showsCompetitors} is false for partners, who may know that their claim competes but not with which
 * claims (§8).
 */
public record ClaimView(Claim claim, List<PoeDocument> documents, List<ClaimAction> allowedActions,
                        boolean showsCompetitors, DeadlineCalendars calendars) {

    /**
     * Partner-facing deadlines count the partner's business days, reviewer SLAs the review team's (spec §8); each
     * is shown with its country and zone.
     */
    public record DeadlineCalendars(Calendar partner, Calendar review) {
    }

    /** @param deadlines the names of the claim's deadlines counted in this calendar */
    public record Calendar(String country, String timeZone, List<String> deadlines) {
    }
}
