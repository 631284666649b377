package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.ClaimSearch;

import java.util.Map;

/** A {@link ClaimSearch} as SQL, with bound parameters only. */
final class ClaimSearchSql {

    private ClaimSearchSql() {
    }

    static String whereClause(ClaimSearch search, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (search.visiblePartnerIds() != null) {
            if (search.visiblePartnerIds().isEmpty()) {
                where.append(" AND false");
            } else {
                where.append(" AND partner_id IN (:partnerIds)");
                params.put("partnerIds", search.visiblePartnerIds());
            }
        }
        if (search.statuses() != null && !search.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", search.statuses().stream().map(Enum::name).toList());
        }
        if (search.solutionArea() != null) {
            where.append(" AND solution_area = :solutionArea");
            params.put("solutionArea", search.solutionArea().name());
        }
        if (search.activity() != null) {
            where.append(" AND activity = :activity");
            params.put("activity", search.activity().name());
        }
        if (search.customerTenantId() != null && !search.customerTenantId().isBlank()) {
            where.append(" AND customer_tenant_id = :tenantId");
            params.put("tenantId", search.customerTenantId().toLowerCase());
        }
        if (search.text() != null && !search.text().isBlank()) {
            where.append(" AND (name ILIKE :q OR customer_name ILIKE :q OR customer_domain ILIKE :q"
                    + " OR claim_id ILIKE :q OR partner_id ILIKE :q)");
            params.put("q", "%" + search.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where.toString();
    }

    static String orderClause(ClaimSearch search) {
        String column = switch (search.sort()) {
            case createdAt -> "created_at";
            case updatedAt -> "updated_at";
            case name -> "name";
            case status -> "status";
            case customerName -> "customer_name";
        };
        return " ORDER BY " + column + (search.descending() ? " DESC" : " ASC") + ", claim_id";
    }
}
