package com.cpor.platform.messaging;

/**
 * An event that can never be processed (unknown claim, impossible values): not retried, sent straight to
 * the topic's dead-letter topic so the partition keeps flowing.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
