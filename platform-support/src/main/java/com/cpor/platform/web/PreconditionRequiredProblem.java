package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

/**
 * 428 (RFC 6585): a write that overwrites fields came without If-Match, so it could silently undo a change the
 * client never saw.
 */
public class PreconditionRequiredProblem extends ApiProblem {

    public PreconditionRequiredProblem(String resource) {
        super(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                "Send If-Match with the ETag of the " + resource + " as you read it (or * to overwrite whatever is "
                        + "there): this write replaces fields someone else may have changed meanwhile");
    }
}
