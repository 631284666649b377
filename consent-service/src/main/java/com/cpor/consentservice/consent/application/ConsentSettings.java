package com.cpor.consentservice.consent.application;

/** The deployment's consent settings the use cases need. */
public interface ConsentSettings {

    /** Length of the opt-out window: {@code P7D} (calendar days) or {@code 5bd} (business days). */
    String windowPolicy();

    /** Where customers reach this service, e.g. {@code https://consent.example.com}. */
    String publicBaseUrl();
}
