package com.cpor.platform.web;

import java.util.List;

/**
 * The one envelope of every list an API returns: the page's items, the page asked for (from 0), its size, and the
 * totals a client pages with. claim-service's lists have had this shape from the start.
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
        return new PageResponse<>(items, page, size, totalItems, (totalItems + size - 1) / size);
    }
}
