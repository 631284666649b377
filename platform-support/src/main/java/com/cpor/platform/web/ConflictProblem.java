package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

/** 409 for conflicts other than status: duplicates, exhausted allowances, stale versions. */
public class ConflictProblem extends ApiProblem {

    public ConflictProblem(String kind, String title, String detail) {
        super(HttpStatus.CONFLICT, kind, title, detail);
    }
}
