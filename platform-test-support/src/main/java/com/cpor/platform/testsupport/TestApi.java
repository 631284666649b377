package com.cpor.platform.testsupport;

import com.cpor.apiclient.ApiClient;
import com.cpor.devinfra.DevUser;

/**
 * The platform's API client (api-client) against a service of this test JVM, as one of the development users. Each
 * {@link #as} is a new caller: it reads a resource before a PATCH or PUT, as a client editing what it just read does.
 */
public final class TestApi {

    private final ApiClient client;

    public TestApi(int port) {
        this.client = ApiClient.anonymous().baseUrl("http://localhost:" + port);
    }

    /** The user's client; null: no token. */
    public ApiClient as(DevUser user) {
        return client.as(user == null ? null : TestIdentity.tokenFor(user));
    }

    /** A caller with a token of one's own making (other partner IDs than the development users have). */
    public ApiClient withToken(String token) {
        return client.as(token);
    }
}
