package com.cpor.claimservice.claim.application;

import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.SolutionArea;

import java.util.List;
import java.util.Set;

/**
 * The list filters of §6 and a sort (the persistence adapter turns them into SQL with bound parameters only).
 *
 * @param visiblePartnerIds the partners whose claims the caller may see; null means every claim (reviewers)
 */
public record ClaimSearch(Set<String> visiblePartnerIds, List<ClaimStatus> statuses, SolutionArea solutionArea,
                          Activity activity, String customerTenantId, String text, Sort sort, boolean descending) {

    /** Sortable properties. */
    public enum Sort {
        createdAt, updatedAt, name, status, customerName
    }
}
