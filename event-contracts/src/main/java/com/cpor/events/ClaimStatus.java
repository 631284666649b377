package com.cpor.events;

public enum ClaimStatus {
    EDITING, SUBMITTED, IN_REVIEW, PARTNER_ACTION_REQUIRED, APPROVED, REJECTED, DISPUTED
}
