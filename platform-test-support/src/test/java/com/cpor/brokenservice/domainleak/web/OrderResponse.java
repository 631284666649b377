package com.cpor.brokenservice.domainleak.web;

import com.cpor.brokenservice.domainleak.domain.Total;

import java.util.List;

/** Hands the domain's records to the JSON writer: a change of the domain would change the API. */
record OrderResponse(String id, List<Total> totals) {
}
