package com.cpor.reviewservice.review.persistence;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.platform.messaging.EventJson;
import com.cpor.reviewservice.review.application.ReviewRepository;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewComment;
import com.cpor.reviewservice.review.domain.ReviewDeadlines;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import com.cpor.reviewservice.review.domain.ReviewQuery;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reviews, their history and the claim's comments, in the review database (JdbcClient + SQL). */
@Repository
class JdbcReviewRepository implements ReviewRepository {

    private static final String COLUMNS = """
            claim_id, status, claim_status, round, reviewer_id, reviewer_name, reviewer_email,
            review_start_due_at, decision_due_at, partner_response_due_at, dispute_review_due_at,
            competing_claim_ids, claim_snapshot, last_outcome_event_id, decision_target_due_at,
            decision_target_paused_at, queued_at, updated_at, version
            """;
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads and locks the review for a change in the current transaction. */
    public Optional<Review> lock(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM review WHERE claim_id = ? FOR UPDATE").param(claimId)
                .query(JdbcReviewRepository::map).optional();
    }

    public Optional<Review> find(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM review WHERE claim_id = ?").param(claimId)
                .query(JdbcReviewRepository::map).optional();
    }

    public List<Review> findAll(Collection<String> claimIds) {
        if (claimIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM review WHERE claim_id IN (:ids) ORDER BY claim_id")
                .param("ids", claimIds).query(JdbcReviewRepository::map).list();
    }

    public Set<String> existing(Collection<String> claimIds) {
        if (claimIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT claim_id FROM review WHERE claim_id IN (:ids)")
                .param("ids", claimIds).query(String.class).list());
    }

    /** @return true if inserted, false if a review of that claim exists already */
    public boolean insert(Review review) {
        return jdbc.sql("""
                        INSERT INTO review (claim_id, status, claim_status, round, reviewer_id, reviewer_name,
                            reviewer_email, review_start_due_at, decision_due_at, partner_response_due_at,
                            dispute_review_due_at, next_due_at, competing_claim_ids, claim_snapshot,
                            last_outcome_event_id, decision_target_due_at, decision_target_paused_at, queued_at,
                            updated_at)
                        VALUES (:claimId, :status, :claimStatus, :round, :reviewerId, :reviewerName,
                            :reviewerEmail, :reviewStartDueAt, :decisionDueAt, :partnerResponseDueAt,
                            :disputeReviewDueAt, :nextDueAt, CAST(:competing AS jsonb), CAST(:claim AS jsonb),
                            :lastOutcomeEventId, :decisionTargetDueAt, :decisionTargetPausedAt, :queuedAt, :updatedAt)
                        ON CONFLICT (claim_id) DO NOTHING
                        """)
                .params(parameters(review)).update() > 0;
    }

    public void update(Review review) {
        jdbc.sql("""
                        UPDATE review SET status = :status, claim_status = :claimStatus, round = :round,
                            reviewer_id = :reviewerId, reviewer_name = :reviewerName, reviewer_email = :reviewerEmail,
                            review_start_due_at = :reviewStartDueAt, decision_due_at = :decisionDueAt,
                            partner_response_due_at = :partnerResponseDueAt, dispute_review_due_at = :disputeReviewDueAt,
                            next_due_at = :nextDueAt, competing_claim_ids = CAST(:competing AS jsonb),
                            claim_snapshot = CAST(:claim AS jsonb), last_outcome_event_id = :lastOutcomeEventId,
                            decision_target_due_at = :decisionTargetDueAt,
                            decision_target_paused_at = :decisionTargetPausedAt, updated_at = :updatedAt,
                            version = version + 1
                        WHERE claim_id = :claimId
                        """)
                .params(parameters(review)).update();
        review.changesStored();
    }

    /** The queue: filtered, most urgent deadline first, then oldest. */
    public List<Review> search(ReviewQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = queueFilter(query, params);
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        return jdbc.sql("SELECT " + COLUMNS + " FROM review " + where
                        + " ORDER BY next_due_at ASC NULLS LAST, queued_at ASC, claim_id LIMIT :limit OFFSET :offset")
                .params(params).query(JdbcReviewRepository::map).list();
    }

    public long count(ReviewQuery query) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT count(*) FROM review " + queueFilter(query, params)).params(params)
                .query(Long.class).single();
    }

    private static String queueFilter(ReviewQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("WHERE status IN (:statuses)");
        params.put("statuses", (query.statuses().isEmpty()
                ? Arrays.stream(ReviewStatus.values()).filter(ReviewStatus::isOpen).toList()
                : List.copyOf(query.statuses())).stream().map(Enum::name).toList());
        if (query.dueBefore() != null) {
            where.append(" AND next_due_at < :dueBefore");
            params.put("dueBefore", Timestamp.from(query.dueBefore()));
        }
        if (query.competingOnly()) {
            where.append(" AND jsonb_array_length(competing_claim_ids) > 0");
        }
        if (query.assignedTo() != null) {
            where.append(" AND reviewer_id = :assignedTo");
            params.put("assignedTo", query.assignedTo());
        }
        return where.toString();
    }

    public void appendHistory(String claimId, ReviewHistoryEntry entry) {
        Actor actor = entry.actor();
        jdbc.sql("""
                        INSERT INTO review_history (claim_id, at, actor_id, actor_name, actor_kind, action, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(claimId, Timestamp.from(entry.at()), actor == null ? null : actor.id(),
                        actor == null ? null : actor.name(),
                        actor == null || actor.kind() == null ? null : actor.kind().name(), entry.action(), entry.detail())
                .update();
    }

    public List<ReviewHistoryEntry> history(String claimId) {
        return jdbc.sql("""
                        SELECT at, actor_id, actor_name, actor_kind, action, detail FROM review_history
                        WHERE claim_id = ? ORDER BY id
                        """)
                .param(claimId)
                .query((rs, n) -> new ReviewHistoryEntry(instant(rs, "at"),
                        actor(rs.getString("actor_id"), rs.getString("actor_name"), null, rs.getString("actor_kind")),
                        rs.getString("action"), rs.getString("detail")))
                .list();
    }

    public void addComment(String claimId, ReviewComment comment) {
        Actor author = comment.author();
        jdbc.sql("""
                        INSERT INTO review_comment (comment_id, claim_id, author_id, author_name, author_kind, text, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (comment_id) DO NOTHING
                        """)
                .params(comment.commentId(), claimId, author == null ? null : author.id(),
                        author == null ? null : author.name(),
                        author == null || author.kind() == null ? null : author.kind().name(),
                        comment.text(), Timestamp.from(comment.at()))
                .update();
    }

    public List<ReviewComment> comments(String claimId) {
        return jdbc.sql("""
                        SELECT comment_id, author_id, author_name, author_kind, text, at FROM review_comment
                        WHERE claim_id = ? ORDER BY at, comment_id
                        """)
                .param(claimId)
                .query((rs, n) -> new ReviewComment(rs.getString("comment_id"),
                        actor(rs.getString("author_id"), rs.getString("author_name"), null, rs.getString("author_kind")),
                        rs.getString("text"), instant(rs, "at")))
                .list();
    }

    private static Map<String, Object> parameters(Review review) {
        Map<String, Object> params = new HashMap<>();
        Actor reviewer = review.assignedReviewer();
        ReviewDeadlines deadlines = review.deadlines();
        params.put("claimId", review.claimId());
        params.put("status", review.status().name());
        params.put("claimStatus", review.claimStatus() == null ? null : review.claimStatus().name());
        params.put("round", review.round());
        params.put("reviewerId", reviewer == null ? null : reviewer.id());
        params.put("reviewerName", reviewer == null ? null : reviewer.name());
        params.put("reviewerEmail", reviewer == null ? null : reviewer.email());
        params.put("reviewStartDueAt", timestamp(deadlines.reviewStartDueAt()));
        params.put("decisionDueAt", timestamp(deadlines.decisionDueAt()));
        params.put("partnerResponseDueAt", timestamp(deadlines.partnerResponseDueAt()));
        params.put("disputeReviewDueAt", timestamp(deadlines.disputeReviewDueAt()));
        params.put("nextDueAt", timestamp(review.currentDueAt()));
        params.put("competing", EventJson.mapper().writeValueAsString(review.competingClaimIds()));
        params.put("claim", EventJson.mapper().writeValueAsString(review.claim()));
        params.put("lastOutcomeEventId", review.lastOutcomeEventId());
        params.put("decisionTargetDueAt", timestamp(review.decisionTarget()));
        params.put("decisionTargetPausedAt", timestamp(review.decisionTargetPausedAt()));
        params.put("queuedAt", timestamp(review.queuedAt()));
        params.put("updatedAt", timestamp(review.updatedAt()));
        return params;
    }

    private static Review map(ResultSet rs, int row) throws SQLException {
        String reviewerId = rs.getString("reviewer_id");
        String claimStatus = rs.getString("claim_status");
        String lastOutcome = rs.getString("last_outcome_event_id");
        return new Review(
                rs.getString("claim_id"),
                ReviewStatus.valueOf(rs.getString("status")),
                claimStatus == null ? null : ClaimStatus.valueOf(claimStatus),
                rs.getInt("round"),
                reviewerId == null ? null : new Actor(reviewerId, rs.getString("reviewer_name"),
                        rs.getString("reviewer_email"), Actor.ActorKind.REVIEWER),
                new ReviewDeadlines(instant(rs, "review_start_due_at"), instant(rs, "decision_due_at"),
                        instant(rs, "partner_response_due_at"), instant(rs, "dispute_review_due_at")),
                EventJson.mapper().readValue(rs.getString("claim_snapshot"), ClaimSnapshot.class),
                EventJson.mapper().readValue(rs.getString("competing_claim_ids"), STRING_LIST),
                lastOutcome == null ? null : UUID.fromString(lastOutcome),
                instant(rs, "decision_target_due_at"),
                instant(rs, "decision_target_paused_at"),
                instant(rs, "queued_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static Actor actor(String id, String name, String email, String kind) {
        if (id == null) {
            return null;
        }
        return new Actor(id, name, email, kind == null ? null : Actor.ActorKind.valueOf(kind));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
