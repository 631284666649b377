package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** 412: the write is based on a version that is no longer current (If-Match); names the current ETag. */
public class PreconditionFailedProblem extends ApiProblem {

    private final String currentETag;

    public PreconditionFailedProblem(String resource, String currentETag) {
        super(HttpStatus.PRECONDITION_FAILED, "stale-version", "The " + resource + " changed since you read it",
                "If-Match names no current version of the " + resource + ", which is at ETag " + currentETag
                        + "; read it again and apply your change to what is there now");
        this.currentETag = currentETag;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentETag", currentETag);
    }
}
