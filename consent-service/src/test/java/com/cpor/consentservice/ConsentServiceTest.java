package com.cpor.consentservice;

import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestClockConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** consent-service on real Kafka and PostgreSQL with a hand-moved clock; one cached context for all ITs. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest(classes = {ConsentServiceApplication.class, TestClockConfiguration.class}, properties = {
        "cpor.timers.poll-interval=100ms",
        "cpor.messaging.retries=2",
        "cpor.messaging.retry-initial-interval=50ms",
        "cpor.consent.public-base-url=https://consent.cpor.example/",
        "cpor.consent.link-secret=" + ConsentServiceTest.LINK_SECRET,
        "cpor.consent.link-encryption-key=" + ConsentServiceTest.LINK_ENCRYPTION_KEY})
public @interface ConsentServiceTest {

    String LINK_SECRET = "integration-test-consent-link-secret-0123456789";
    /** base64 of "integration-test-link-key-32-byt" (32 bytes) */
    String LINK_ENCRYPTION_KEY = "aW50ZWdyYXRpb24tdGVzdC1saW5rLWtleS0zMi1ieXQ=";
}
