package com.cpor.reviewservice.review.web;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import com.cpor.reviewservice.review.application.ReviewWorkflow;
import com.cpor.reviewservice.review.domain.ReviewComment;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import com.cpor.platform.web.Versioned;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "A review with the claim's comments, the review history and competing claims side by side")
public record ReviewDetailsView(
        ReviewView review,
        List<CommentView> comments,
        List<HistoryView> history,
        @Schema(description = "Active claims of other partners on the same tenant and products") List<CompetingClaimView> competingClaims)
        implements Versioned {

    /** The ETag is the review's: what a decision's If-Match compares (comments and history are not the review's). */
    @Override
    public long version() {
        return review.version();
    }

    public record CommentView(String commentId, String authorId, String authorName, String authorKind, String text,
                              Instant at) {
        static CommentView of(ReviewComment comment) {
            return new CommentView(comment.commentId(),
                    comment.author() == null ? null : comment.author().id(),
                    comment.author() == null ? null : comment.author().name(),
                    comment.author() == null || comment.author().kind() == null ? null : comment.author().kind().name(),
                    comment.text(), comment.at());
        }
    }

    public record HistoryView(Instant at, String actorId, String actorName, String action, String detail) {
        static HistoryView of(ReviewHistoryEntry entry) {
            return new HistoryView(entry.at(), entry.actor() == null ? null : entry.actor().id(),
                    entry.actor() == null ? null : entry.actor().name(), entry.action(), entry.detail());
        }
    }

    public record CompetingClaimView(String claimId, ReviewStatus reviewStatus, ClaimStatus claimStatus,
                                     ClaimSnapshot claim) {
    }

    static ReviewDetailsView of(ReviewWorkflow.ReviewFile file, Instant now, ReviewPolicies policies) {
        return new ReviewDetailsView(ReviewView.of(file.review(), now, policies),
                file.comments().stream().map(CommentView::of).toList(),
                file.history().stream().map(HistoryView::of).toList(),
                file.competingReviews().stream()
                        .map(r -> new CompetingClaimView(r.claimId(), r.status(), r.claimStatus(), r.claim()))
                        .toList());
    }
}
