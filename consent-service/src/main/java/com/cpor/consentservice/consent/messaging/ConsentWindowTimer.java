package com.cpor.consentservice.consent.messaging;

import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.platform.timers.DueTimer;
import com.cpor.platform.timers.TimerHandler;
import org.springframework.stereotype.Component;

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
}
