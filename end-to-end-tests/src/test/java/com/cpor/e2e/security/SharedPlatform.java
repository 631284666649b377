package com.cpor.e2e.security;

import com.cpor.e2e.E2EPlatform;
import com.cpor.localstack.Platform;

/** The one platform of the test JVM, shared with the lifecycle tests. */
final class SharedPlatform {

    private SharedPlatform() {
    }

    static Platform get() {
        return E2EPlatform.get();
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
