package com.cpor.platform.timers;

import java.time.Instant;

/**
 * The clock timers are due by. In production it is the database's ({@code clock_timestamp()}), the one clock every
 * instance shares, so an instance whose own clock jumps ahead never fires a timer early; {@link #DATABASE} is the
 * only default and nothing else reads a JVM clock to decide what is due. Tests that move time with a
 * {@code MutableClock} declare a {@code TimerClock} bean that returns its instant, so their deadlines pass when the
 * test clock says, as before.
 */
@FunctionalInterface
public interface TimerClock {

    /** Due by the database clock. */
    TimerClock DATABASE = () -> null;

    /** @return the instant to compare due times with, or null to use the database clock */
    Instant override();
}
