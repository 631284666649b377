package com.cpor.reviewservice.review.domain;

import java.time.Instant;
import java.util.Set;

/**
 * Queue filters. Empty {@code statuses} means the open ones; {@code assignedTo} null means anyone's.
 *
 * @param dueBefore only reviews whose current deadline is before this instant
 */
public record ReviewQuery(Set<ReviewStatus> statuses, Instant dueBefore, boolean competingOnly, String assignedTo,
                          int page, int size) {
}
