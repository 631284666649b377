package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.PoeDocument;

import java.util.List;

/** A claim with its documents and what the partner can do next. */
public record ClaimView(Claim claim, List<PoeDocument> documents, List<ClaimAction> allowedActions) {
}
