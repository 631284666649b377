package com.cpor.platform.messaging;

/** A record that is not a well-formed, known event: retrying cannot help, it goes to the dead-letter topic. */
public class MalformedEventException extends PoisonEventException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
