package com.cpor.consentservice.config;

import com.cpor.consentservice.consent.application.ConsentSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cpor.consent.*}.
 *
 * @param publicBaseUrl where customers reach this service; links are {@code <publicBaseUrl>/consent/<token>}
 * @param linkSecret    HMAC key that signs customer links (at least 32 bytes); set per deployment
 * @param linkEncryptionKey AES key (base64 of 32 bytes) that encrypts links for notification-service, which has the
 *                      same setting; set per deployment
 * @param policy        the opt-out window policy
 */
@ConfigurationProperties("cpor.consent")
public record ConsentProperties(
        @DefaultValue("http://localhost:8083") String publicBaseUrl,
        String linkSecret,
        String linkEncryptionKey,
        @DefaultValue Policy policy) implements ConsentSettings {

    /** @param window {@code P7D} (calendar days, the manage page) or {@code 5bd} (business days, the overview page) */
    public record Policy(@DefaultValue("P7D") String window) {
    }

    @Override
    public String windowPolicy() {
        return policy.window();
    }
}
