package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

/** 413: an upload or body above the configured limit. */
public class PayloadTooLargeProblem extends ApiProblem {

    public PayloadTooLargeProblem(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", detail);
    }
}
