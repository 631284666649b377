package com.cpor.claimservice.claim.persistence;

import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.SolutionArea;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list filters of §6 and a sort, turned into SQL with bound parameters only.
 *
 * @param visiblePartnerIds the partners whose claims the caller may see; null means every claim (reviewers)
 */
public record ClaimSearch(Set<String> visiblePartnerIds, List<ClaimStatus> statuses, SolutionArea solutionArea,
                          Activity activity, String customerTenantId, String text, Sort sort, boolean descending) {

    /** Sortable properties and their columns. */
    public enum Sort {
        createdAt("created_at"), updatedAt("updated_at"), name("name"), status("status"),
        customerName("customer_name");

        private final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    String whereClause(Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (visiblePartnerIds != null) {
            if (visiblePartnerIds.isEmpty()) {
                where.append(" AND false");
            } else {
                where.append(" AND partner_id IN (:partnerIds)");
                params.put("partnerIds", visiblePartnerIds);
            }
        }
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (solutionArea != null) {
            where.append(" AND solution_area = :solutionArea");
            params.put("solutionArea", solutionArea.name());
        }
        if (activity != null) {
            where.append(" AND activity = :activity");
            params.put("activity", activity.name());
        }
        if (customerTenantId != null && !customerTenantId.isBlank()) {
            where.append(" AND customer_tenant_id = :tenantId");
            params.put("tenantId", customerTenantId.toLowerCase());
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND (name ILIKE :q OR customer_name ILIKE :q OR customer_domain ILIKE :q"
                    + " OR claim_id ILIKE :q OR partner_id ILIKE :q)");
            params.put("q", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where.toString();
    }

    String orderClause() {
        return " ORDER BY " + sort.column + (descending ? " DESC" : " ASC") + ", claim_id";
    }
}
