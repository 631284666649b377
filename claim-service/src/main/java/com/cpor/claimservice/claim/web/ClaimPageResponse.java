package com.cpor.claimservice.claim.web;

import java.util.List;

/** One page of a claim list; {@code page} counts from 0. */
public record ClaimPageResponse(List<ClaimResponse> items, int page, int size, long totalItems, long totalPages) {
}
