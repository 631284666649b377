package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

/** 404: the resource does not exist, or the caller may not know that it does (another partner's claim). */
public class NotFoundProblem extends ApiProblem {

    public NotFoundProblem(String what, String id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " was not found");
    }
}
