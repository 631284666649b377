package com.cpor.claimservice.claim.web;

import java.util.List;

/** One page of a claim's comments, documents or history; the same shape as {@link ClaimPageResponse}. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    static <T> PageResponse<T> of(List<T> items, int page, int size, long total) {
        return new PageResponse<>(items, page, size, total, (total + size - 1) / size);
    }
}
