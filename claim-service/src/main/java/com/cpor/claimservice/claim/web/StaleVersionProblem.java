package com.cpor.claimservice.claim.web;

import com.cpor.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** 412: the client edited a version of the claim that is no longer current (If-Match). */
class StaleVersionProblem extends ApiProblem {

    StaleVersionProblem(long expected, long current) {
        super(HttpStatus.PRECONDITION_FAILED, "stale-version", "The claim changed since you read it",
                "If-Match names version " + expected + " but the claim is at version " + current + "; reload it and try again");
    }
}
