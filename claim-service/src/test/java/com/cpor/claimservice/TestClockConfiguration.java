package com.cpor.claimservice;

import com.cpor.platform.testsupport.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Tests move time by hand (dispute windows) instead of waiting. Every integration test imports this, so the sample
 * partners' directory comes with it (claims must name a partner the directory has).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SamplePartnerDirectory.class)
public class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return MutableClock.startingNow();
    }
}
