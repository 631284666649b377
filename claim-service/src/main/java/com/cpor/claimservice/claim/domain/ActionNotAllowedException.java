package com.cpor.claimservice.claim.domain;

import com.cpor.events.ClaimStatus;

import java.util.List;

/** The action is not allowed in the claim's current status; says what the partner can do instead. */
public class ActionNotAllowedException extends RuntimeException {

    private final ClaimAction action;
    private final ClaimStatus status;
    private final List<ClaimAction> allowedActions;

    public ActionNotAllowedException(ClaimAction action, ClaimStatus status, List<ClaimAction> allowedActions,
                                     String detail) {
        super(detail);
        this.action = action;
        this.status = status;
        this.allowedActions = List.copyOf(allowedActions);
    }

    public ClaimAction action() {
        return action;
    }

    public ClaimStatus status() {
        return status;
    }

    public List<ClaimAction> allowedActions() {
        return allowedActions;
    }
}
