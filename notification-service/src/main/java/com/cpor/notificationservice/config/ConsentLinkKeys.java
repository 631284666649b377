package com.cpor.notificationservice.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code cpor.consent.*}: the key consent-service encrypts customer links with (the same setting in both services).
 *
 * @param linkEncryptionKey          base64 of 32 random bytes; required outside the {@code dev} profile
 * @param previousLinkEncryptionKeys keys of before a rotation, still accepted for links sealed with them
 */
@ConfigurationProperties("cpor.consent")
public record ConsentLinkKeys(String linkEncryptionKey, @DefaultValue List<String> previousLinkEncryptionKeys) {
}
