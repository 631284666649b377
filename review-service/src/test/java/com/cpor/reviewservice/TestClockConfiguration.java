package com.cpor.reviewservice;

import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.timers.TimerClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One clock for every application context of the test JVM, so a second instance or a restarted one sees
 * the same time as the test that moves it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    /** Whole seconds, like the deadlines the database stores and the API shows. */
    public static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Bean
    @Primary
    MutableClock testClock() {
        return CLOCK;
    }

    /** Timers fall due when the test clock says (in production they are due by the database clock). */
    @Bean
    TimerClock timerClock() {
        return CLOCK::instant;
    }
}
