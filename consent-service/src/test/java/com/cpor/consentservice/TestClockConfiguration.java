package com.cpor.consentservice;

import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.timers.TimerClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return MutableClock.startingNow();
    }

    /** Timers fall due when the test clock says (in production they are due by the database clock). */
    @Bean
    TimerClock timerClock(MutableClock clock) {
        return clock::instant;
    }
}
