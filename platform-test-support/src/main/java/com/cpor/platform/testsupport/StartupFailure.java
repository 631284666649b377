package com.cpor.platform.testsupport;

import org.springframework.core.NestedExceptionUtils;

/** For tests of a service that must refuse to start: what made the start fail. */
public final class StartupFailure {

    private StartupFailure() {
    }

    /** The most specific cause of a failed start (the check's own message); an error if it started. */
    public static Throwable of(Runnable start) {
        try {
            start.run();
        } catch (RuntimeException failure) {
            return NestedExceptionUtils.getMostSpecificCause(failure);
        }
        throw new AssertionError("the service started");
    }
}
