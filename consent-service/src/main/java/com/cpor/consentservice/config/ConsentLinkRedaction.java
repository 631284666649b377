package com.cpor.consentservice.config;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * The consent page's URL holds the customer's link token ({@code /consent/<token>}); HTTP server observations put
 * the request URL in their high-cardinality key values, which become span attributes. This filter replaces the
 * token by {@code {token}} in every key value before any handler (tracing, metrics) sees it.
 */
public final class ConsentLinkRedaction implements ObservationFilter {

    static final String PREFIX = "/consent/";
    static final String PLACEHOLDER = "{token}";

    @Override
    public Observation.Context map(Observation.Context context) {
        for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addLowCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        return context;
    }

    /** {@code .../consent/<anything up to / ? # or the end>...} with that segment replaced; one linear pass. */
    static String redact(String value) {
        if (value == null || !value.contains(PREFIX)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        for (int at = value.indexOf(PREFIX); at >= 0; at = value.indexOf(PREFIX, from)) {
            int start = at + PREFIX.length();
            int end = start;
            while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
                end++;
            }
            out.append(value, from, start);
            if (end > start && !value.startsWith(PLACEHOLDER, start)) {
                out.append(PLACEHOLDER);
            } else {
                out.append(value, start, end);
            }
            from = end;
        }
        return out.append(value, from, value.length()).toString();
    }
}
