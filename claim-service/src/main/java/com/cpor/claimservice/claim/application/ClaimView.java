package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.PoeDocument;

import java.util.List;

/**
 * A claim with its documents and what the partner can do next, for one caller: {@code showsCompetitors} is false for
 * partners, who may know that their claim competes but not with which claims (§8).
 */
public record ClaimView(Claim claim, List<PoeDocument> documents, List<ClaimAction> allowedActions,
                        boolean showsCompetitors) {
}
