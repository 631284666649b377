package com.cpor.claimservice.claim.domain;

import com.cpor.events.PartnerActionReason;

import java.time.Instant;
import java.util.List;

/**
 * What the reviewer asked of the partner in the open partner-action request: the reasons, the comment and the
 * products (codes) to remove before resubmitting.
 */
public record RequestedChanges(List<PartnerActionReason> reasons, String comment, List<String> productsToRemove,
                               Instant requestedAt) {

    public RequestedChanges {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        productsToRemove = productsToRemove == null ? List.of() : List.copyOf(productsToRemove);
    }
}
