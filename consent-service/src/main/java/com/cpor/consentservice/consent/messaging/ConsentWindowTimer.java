package com.cpor.consentservice.consent.messaging;

import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.platform.timers.DueTimer;
import com.cpor.platform.timers.TimerHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/** The end of a consent window: fires once, inside the timer's transaction. */
@Component
class ConsentWindowTimer implements TimerHandler {

    private final ConsentWindows consentWindows;

    ConsentWindowTimer(ConsentWindows consentWindows) {
        this.consentWindows = consentWindows;
    }

    @Override
    public String kind() {
        return ConsentWindows.TIMER_KIND;
    }

    @Override
    public void onDue(DueTimer timer) {
        consentWindows.elapse(timer.payload());
    }

    /** A batch of windows closes set-based: one query loads them, one statement updates them, one records the events. */
    @Override
    public void onAllDue(List<DueTimer> timers) {
        consentWindows.elapseAll(timers.stream().map(DueTimer::payload).toList());
    }
}
