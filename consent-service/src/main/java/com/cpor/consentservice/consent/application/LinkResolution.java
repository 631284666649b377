package com.cpor.consentservice.consent.application;

import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.consentservice.consent.domain.LinkState;

/** What a presented customer link leads to. */
public sealed interface LinkResolution {

    /** Not one of our links: unknown, malformed or altered. Nothing about any claim is revealed. */
    record Invalid(boolean tampered) implements LinkResolution {
    }

    /** One of our links, in the given state (the page tells the customer what it means). */
    record Known(ConsentWindow window, LinkState state) implements LinkResolution {
    }

    /** The decline was recorded just now. */
    record Declined(ConsentWindow window, Declination declination) implements LinkResolution {
    }
}
