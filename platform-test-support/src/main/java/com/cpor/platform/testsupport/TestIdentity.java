package com.cpor.platform.testsupport;

import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;

/** The one development issuer of a test JVM, shared by all application contexts and test clients. */
public final class TestIdentity {

    private static DevIdentityProvider provider;

    private TestIdentity() {
    }

    public static synchronized DevIdentityProvider provider() {
        if (provider == null) {
            provider = DevIdentityProvider.start();
        }
        return provider;
    }

    public static String tokenFor(DevUser user) {
        return provider().tokenFor(user);
    }
}
