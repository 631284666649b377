package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.ClaimRepository;
import com.cpor.claimservice.claim.application.ClaimSearch;
import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.claimservice.claim.domain.Deadlines;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.Rejection;
import com.cpor.claimservice.claim.domain.RequestedChanges;
import com.cpor.claimservice.config.ClaimPolicyProperties;
import com.cpor.events.ClaimStatus;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Claims in PostgreSQL; rows are locked for the transaction that changes them. */
@Repository
class JdbcClaimRepository implements ClaimRepository {

    /** The claim's columns and the directory's organisation of its partnerId (a subquery: rows stay lockable). */
    private static final String COLUMNS = """
            claim_id, status, details, rejection, deadlines, competing_claim_ids, eligibility_sent_at, dispute_count,
            submitted_at, approved_at, created_at, updated_at, version, requested_changes,
            (SELECT json_build_object('partnerId', o.partner_id, 'name', o.name, 'country', o.country,
                                      'timeZone', o.time_zone, 'version', o.version)::text
             FROM partner_directory_id d JOIN partner_organisation o ON o.partner_id = d.organisation_id
             WHERE d.partner_id = claim.partner_id) AS partner_organisation""";

    private final JdbcClient jdbc;
    private final int disputesAllowed;

    JdbcClaimRepository(JdbcClient jdbc, ClaimPolicyProperties policy) {
        this.jdbc = jdbc;
        this.disputesAllowed = policy.disputesPerClaim();
    }

    public void insert(Claim claim) {
        jdbc.sql("""
                        INSERT INTO claim (claim_id, partner_id, status, solution_area, activity, customer_tenant_id, name,
                            customer_name, customer_domain, details, rejection, deadlines, competing_claim_ids,
                            eligibility_sent_at, dispute_count, submitted_at, approved_at, created_at, updated_at, version,
                            requested_changes)
                        VALUES (:id, :partnerId, :status, :solutionArea, :activity, :tenantId, :name, :customerName,
                            :customerDomain, CAST(:details AS jsonb), CAST(:rejection AS jsonb), CAST(:deadlines AS jsonb),
                            CAST(:competing AS jsonb), :eligibilitySentAt, :disputeCount, :submittedAt, :approvedAt,
                            :createdAt, :updatedAt, :version, CAST(:requestedChanges AS jsonb))
                        """)
                .paramSource(params(claim))
                .update();
        replaceExclusivityKeys(claim);
    }

    /** Writes a changed claim; fails if someone else changed it since {@code loadedVersion}. */
    public void update(Claim claim, long loadedVersion) {
        Map<String, Object> params = params(claim);
        params.put("loadedVersion", loadedVersion);
        int updated = jdbc.sql("""
                        UPDATE claim SET partner_id = :partnerId, status = :status, solution_area = :solutionArea,
                            activity = :activity, customer_tenant_id = :tenantId, name = :name,
                            customer_name = :customerName, customer_domain = :customerDomain,
                            details = CAST(:details AS jsonb), rejection = CAST(:rejection AS jsonb),
                            deadlines = CAST(:deadlines AS jsonb), competing_claim_ids = CAST(:competing AS jsonb),
                            eligibility_sent_at = :eligibilitySentAt, dispute_count = :disputeCount,
                            submitted_at = :submittedAt, approved_at = :approvedAt, updated_at = :updatedAt,
                            version = :version, requested_changes = CAST(:requestedChanges AS jsonb)
                        WHERE claim_id = :id AND version = :loadedVersion
                        """)
                .paramSource(params)
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Claim " + claim.id() + " changed concurrently");
        }
        replaceExclusivityKeys(claim);
    }

    public Optional<Claim> find(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM claim WHERE claim_id = ?").param(claimId)
                .query(this::toClaim).optional();
    }

    /** Loads and locks the claim until the transaction ends, so outcomes and partner actions apply one at a time. */
    public Optional<Claim> findForUpdate(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM claim WHERE claim_id = ? FOR UPDATE").param(claimId)
                .query(this::toClaim).optional();
    }

    public Map<ClaimStatus, Long> countByStatus() {
        Map<ClaimStatus, Long> counts = new java.util.EnumMap<>(ClaimStatus.class);
        jdbc.sql("SELECT status, count(*) FROM claim GROUP BY status")
                .query((rs, n) -> counts.put(ClaimStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    /** How many claims have each kind of deadline (the JSON key, e.g. {@code partnerResponseDueAt}) in the window. */
    public Map<String, Long> countDeadlinesDueBetween(Instant from, Instant to) {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT d.key, count(*) FROM claim, jsonb_each_text(claim.deadlines) AS d(key, value)
                        WHERE d.value IS NOT NULL AND d.value::timestamptz >= ? AND d.value::timestamptz < ?
                        GROUP BY d.key
                        """)
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    public void delete(String claimId) {
        jdbc.sql("DELETE FROM claim WHERE claim_id = ?").param(claimId).update();
    }

    /**
     * Serialises exclusivity decisions on one customer tenant until the transaction ends, so two claims submitted
     * at the same moment still see each other.
     */
    public void lockTenantForExclusivity(String tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("claim-tenant:" + tenantId.toLowerCase())
                .query((rs, n) -> 1).list();
    }

    /** Active claims on the same tenant that share an exclusivity key (workload or subscription) with {@code keys}. */
    public List<Overlap> activeOverlapping(String tenantId, Collection<String> keys, String excludedClaimId) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.claim_id, c.partner_id, k.key FROM claim c
                        JOIN claim_exclusivity_key k ON k.claim_id = c.claim_id
                        WHERE c.customer_tenant_id = :tenantId AND c.claim_id <> :excluded
                          AND c.status IN ('SUBMITTED', 'IN_REVIEW', 'PARTNER_ACTION_REQUIRED', 'APPROVED')
                          AND k.key IN (:keys)
                        ORDER BY c.created_at, c.claim_id
                        """)
                .param("tenantId", tenantId.toLowerCase())
                .param("excluded", excludedClaimId)
                .param("keys", keys)
                .query((rs, n) -> new Overlap(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** One page of claims matching the filter, visible to the given partners (or all, for reviewers). */
    public ClaimPage search(ClaimSearch search, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = ClaimSearchSql.whereClause(search, params);
        long total = jdbc.sql("SELECT count(*) FROM claim" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Claim> claims = jdbc.sql("SELECT " + COLUMNS + " FROM claim" + where + ClaimSearchSql.orderClause(search)
                        + " LIMIT :limit OFFSET :offset")
                .params(params).query(this::toClaim).list();
        return new ClaimPage(claims, total);
    }

    private void replaceExclusivityKeys(Claim claim) {
        jdbc.sql("DELETE FROM claim_exclusivity_key WHERE claim_id = ?").param(claim.id()).update();
        for (String key : claim.details().exclusivityKeys()) {
            jdbc.sql("INSERT INTO claim_exclusivity_key (claim_id, key) VALUES (?, ?)").params(claim.id(), key).update();
        }
    }

    private static Map<String, Object> params(Claim claim) {
        ClaimDetails details = claim.details();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", claim.id());
        params.put("partnerId", details.partnerId());
        params.put("status", claim.status().name());
        params.put("solutionArea", details.solutionArea().name());
        params.put("activity", details.activity().name());
        params.put("tenantId", details.customer().tenantId().toLowerCase());
        params.put("name", details.name());
        params.put("customerName", details.customer().name());
        params.put("customerDomain", details.customer().domain());
        params.put("details", ClaimJson.write(details));
        params.put("rejection", ClaimJson.write(claim.rejection()));
        params.put("deadlines", ClaimJson.write(claim.deadlines()));
        params.put("competing", ClaimJson.write(claim.competingClaimIds()));
        params.put("eligibilitySentAt", timestamp(claim.eligibilitySentAt()));
        params.put("disputeCount", claim.disputeCount());
        params.put("submittedAt", timestamp(claim.submittedAt()));
        params.put("approvedAt", timestamp(claim.approvedAt()));
        params.put("createdAt", timestamp(claim.createdAt()));
        params.put("updatedAt", timestamp(claim.updatedAt()));
        params.put("version", claim.version());
        params.put("requestedChanges", ClaimJson.write(claim.requestedChanges()));
        return params;
    }

    private Claim toClaim(ResultSet rs, int row) throws SQLException {
        Claim claim = Claim.restore(
                rs.getString("claim_id"),
                ClaimJson.read(rs.getString("details"), ClaimDetails.class),
                ClaimStatus.valueOf(rs.getString("status")),
                ClaimJson.read(rs.getString("rejection"), Rejection.class),
                ClaimJson.read(rs.getString("deadlines"), Deadlines.class),
                new ArrayList<>(ClaimJson.read(rs.getString("competing_claim_ids"), new TypeReference<List<String>>() {
                })),
                instant(rs.getTimestamp("eligibility_sent_at")),
                rs.getInt("dispute_count"),
                instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("approved_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                rs.getLong("version"),
                disputesAllowed,
                ClaimJson.read(rs.getString("requested_changes"), RequestedChanges.class));
        claim.partnerOrganisationIs(ClaimJson.read(rs.getString("partner_organisation"), PartnerOrganisation.class));
        return claim;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
