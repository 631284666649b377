package com.cpor.claimservice.claim.domain;

import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;

import java.util.List;

/** A status change and its cause (reason codes, comment), as published in ClaimStatusChanged. */
public record Transition(ClaimStatus from, ClaimStatus to, Actor actor, List<String> reasonCodes, String comment) {

    public Transition {
        reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    }
}
