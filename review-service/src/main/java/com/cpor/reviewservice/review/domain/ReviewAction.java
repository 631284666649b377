package com.cpor.reviewservice.review.domain;

import java.util.Arrays;
import java.util.List;

/** What reviewers can do to a review; {@link #apiName()} is the action's path segment in the API. */
public enum ReviewAction {
    START("start"),
    REQUEST_PARTNER_ACTION("request-partner-action"),
    APPROVE("approve"),
    REJECT("reject"),
    DECIDE_DISPUTE("dispute-decision"),
    REASSIGN("reassign");

    private final String apiName;

    ReviewAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public boolean isAllowedIn(ReviewStatus status) {
        return switch (this) {
            case START -> status == ReviewStatus.QUEUED;
            case REQUEST_PARTNER_ACTION, APPROVE, REJECT -> status == ReviewStatus.IN_REVIEW;
            case DECIDE_DISPUTE -> status == ReviewStatus.DISPUTE_OPEN;
            case REASSIGN -> status.isOpen();
        };
    }

    public static List<ReviewAction> allowedIn(ReviewStatus status) {
        return Arrays.stream(values()).filter(action -> action.isAllowedIn(status)).toList();
    }
}
