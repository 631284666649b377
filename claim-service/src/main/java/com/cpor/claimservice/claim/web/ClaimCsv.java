package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.claimservice.claim.domain.Product;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** RFC 4180 CSV of claims; cells that a spreadsheet would run as formulas are neutralised. */
final class ClaimCsv {

    private static final String HEADER = "id,name,partnerId,status,solutionArea,activity,program,customerTenantId,"
            + "customerName,customerDomain,products,rejectionReason,competing,competingClaimIds,eligibilitySentAt,createdAt,updatedAt";

    private ClaimCsv() {
    }

    /** @param showsCompetitors false for partners: the competingClaimIds column stays empty (competing claims are private) */
    static String write(List<Claim> claims, boolean showsCompetitors) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Claim claim : claims) {
            ClaimDetails d = claim.details();
            csv.append(row(claim.id(), d.name(), d.partnerId(), claim.status(), d.solutionArea(), d.activity(),
                    d.program(), d.customer().tenantId(), d.customer().name(), d.customer().domain(),
                    d.products().stream().map(Product::exclusivityKey).collect(Collectors.joining(" ")),
                    claim.rejection() == null ? null : claim.rejection().reason(),
                    claim.isCompeting(), showsCompetitors ? String.join(" ", claim.competingClaimIds()) : null,
                    claim.eligibilitySentAt(), claim.createdAt(),
                    claim.updatedAt())).append("\r\n");
        }
        return csv.toString();
    }

    private static String row(Object... cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(cell(cells[i] == null ? "" : Objects.toString(cells[i])));
        }
        return row.toString();
    }

    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
