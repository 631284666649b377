package com.cpor.consentservice.consent.domain;

/** A decline arrived for a window that no longer accepts one. */
public class ConsentWindowNotOpenException extends RuntimeException {

    private final LinkState linkState;

    public ConsentWindowNotOpenException(String consentId, LinkState linkState) {
        super("Consent window " + consentId + " does not accept a decline (" + linkState + ")");
        this.linkState = linkState;
    }

    public LinkState linkState() {
        return linkState;
    }
}
