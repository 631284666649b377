package com.cpor.reviewservice.review.web;

import com.cpor.platform.web.InvalidStateProblem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 409 naming the review's status, the allowed actions, and the claim's status beside them. */
class ReviewStateProblem extends InvalidStateProblem {

    private final String claimStatus;

    ReviewStateProblem(String detail, String reviewStatus, String claimStatus, List<String> allowedActions) {
        super(detail, reviewStatus, allowedActions);
        this.claimStatus = claimStatus;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(super.properties());
        if (claimStatus != null) {
            properties.put("claimStatus", claimStatus);
        }
        return properties;
    }
}
