package com.cpor.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string with control characters or invalid Unicode; Jackson adds the path to the field. */
public class UnsafeTextException extends MismatchedInputException {

    UnsafeTextException(JsonParser parser, String problem) {
        super(parser, problem, String.class);
    }
}
