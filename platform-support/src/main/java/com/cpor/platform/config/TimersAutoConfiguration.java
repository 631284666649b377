package com.cpor.platform.config;

import com.cpor.platform.timers.DurableTimers;
import com.cpor.platform.timers.TimerClock;
import com.cpor.platform.timers.TimerHandler;
import com.cpor.platform.timers.TimerPoller;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Durable timers: scheduling inside the caller's transaction, and the poller that fires them. Kept in config with the
 * other wiring, so the timers package never reaches back into config (no package cycle).
 */
@AutoConfiguration(after = {OutboxAutoConfiguration.class, InboxAutoConfiguration.class})
@EnableConfigurationProperties(PlatformProperties.class)
public class TimersAutoConfiguration {

    /** Timers are due by the database clock; only tests that move time declare their own. */
    @Bean
    @ConditionalOnMissingBean
    TimerClock timerClock() {
        return TimerClock.DATABASE;
    }

    /** A scheduled timer wakes this instance's poller if it is due before the poller's next look. */
    @Bean
    DurableTimers durableTimers(JdbcClient jdbc, ObjectProvider<TimerPoller> poller) {
        // looked up when a timer commits: the poller depends on the handlers, which schedule timers
        return new DurableTimers(jdbc, dueAt -> poller.ifAvailable(p -> p.timerScheduled(dueAt)));
    }

    @Bean
    TimerPoller timerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers,
                            PlatformProperties properties, TimerClock timerClock, MeterRegistry meters, Clock clock) {
        return new TimerPoller(jdbc, transactions, handlers, properties.timers(), timerClock, meters, clock);
    }
}
