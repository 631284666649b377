package com.cpor.e2e.security;

import com.cpor.apiclient.ApiClient;
import com.cpor.devinfra.DevUser;
import com.cpor.e2e.E2EPlatform;
import com.cpor.localstack.Platform;

import java.util.EnumMap;
import java.util.Map;

/** The one platform of the test JVM, shared with the lifecycle tests. */
final class SharedPlatform {

    private SharedPlatform() {
    }

    private static final Map<DevUser, String> TOKENS = new EnumMap<>(DevUser.class);

    /** The platform's API client as one caller (or none); a new caller each time, so it reads before it edits. */
    static ApiClient as(Who who) {
        return who.user() == null ? ApiClient.anonymous() : as(who.user());
    }

    static ApiClient as(DevUser user) {
        synchronized (TOKENS) {
            return ApiClient.withToken(TOKENS.computeIfAbsent(user, u -> get().identity().tokenFor(u)));
        }
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
