package com.cpor.reviewservice.review.application;

import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewComment;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import com.cpor.reviewservice.review.domain.ReviewQuery;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: reviews, their history and the claim's comments. Writes happen in the caller's transaction. */
public interface ReviewRepository {

    /** Loads and locks the review for a change in the current transaction. */
    Optional<Review> lock(String claimId);

    Optional<Review> find(String claimId);

    List<Review> findAll(Collection<String> claimIds);

    /** Which of these claims have a review (one query, nothing else read). */
    Set<String> existing(Collection<String> claimIds);

    /** @return true if inserted, false if a review of that claim exists already */
    boolean insert(Review review);

    void update(Review review);

    /** The queue: filtered, most urgent deadline first, then oldest. */
    List<Review> search(ReviewQuery query);

    /** How many reviews the query's filters match, over all pages. */
    long count(ReviewQuery query);

    void appendHistory(String claimId, ReviewHistoryEntry entry);

    List<ReviewHistoryEntry> history(String claimId);

    void addComment(String claimId, ReviewComment comment);

    List<ReviewComment> comments(String claimId);
}
