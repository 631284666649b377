package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

/** 415: content that is not one of the accepted types, judged by its bytes. */
public class UnsupportedMediaTypeProblem extends ApiProblem {

    public UnsupportedMediaTypeProblem(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type", detail);
    }
}
