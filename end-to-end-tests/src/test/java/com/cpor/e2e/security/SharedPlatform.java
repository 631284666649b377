package com.cpor.e2e.security;

import com.cpor.localstack.Platform;

import java.lang.reflect.Method;

/**
 * The one platform of the test JVM, shared with the lifecycle tests ({@code com.cpor.e2e.E2EPlatform} is
 * package-private there, so it is reached reflectively rather than started a second time).
 */
final class SharedPlatform {

    private SharedPlatform() {
    }

    static synchronized Platform get() {
        try {
            Method get = Class.forName("com.cpor.e2e.E2EPlatform").getDeclaredMethod("get");
            get.setAccessible(true);
            return (Platform) get.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The shared end-to-end platform could not be started", e);
        }
    }

    static String baseUrl(String service) {
        return get().service(service).baseUrl();
    }

    static String claims() {
        return baseUrl("claim-service") + "/api/v1/claims";
    }

    static String reviews() {
        return baseUrl("review-service") + "/api/v1/reviews";
    }
}
