package com.cpor.consentservice.config;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentLinkRedactionTest {

    private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";

    @Test
    void the_token_of_a_consent_url_never_reaches_span_attributes_or_tags() {
        Observation.Context context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "/consent/" + TOKEN + "/decline"));
        context.addHighCardinalityKeyValue(KeyValue.of("url.full", "https://consent.example/consent/" + TOKEN + "?lang=pl"));
        context.addLowCardinalityKeyValue(KeyValue.of("uri", "/consent/{token}"));
        context.addLowCardinalityKeyValue(KeyValue.of("method", "GET"));

        new ConsentLinkRedaction().map(context);

        assertThat(context.getHighCardinalityKeyValue("http.url").getValue()).isEqualTo("/consent/{token}/decline");
        assertThat(context.getHighCardinalityKeyValue("url.full").getValue())
                .isEqualTo("https://consent.example/consent/{token}?lang=pl");
        assertThat(context.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/consent/{token}");
        assertThat(context.getLowCardinalityKeyValue("method").getValue()).isEqualTo("GET");
    }

    @Test
    void values_without_a_consent_path_are_left_alone() {
        assertThat(ConsentLinkRedaction.redact("/api/v1/consents/c-1")).isEqualTo("/api/v1/consents/c-1");
        assertThat(ConsentLinkRedaction.redact("/consent/")).isEqualTo("/consent/");
        assertThat(ConsentLinkRedaction.redact(null)).isNull();
    }
}
