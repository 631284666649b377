package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.ServiceProcess;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus endpoint (STAFF only) for the inbox's discarded redeliveries. */
final class ServiceMetrics {

    private static final Pattern DUPLICATES = Pattern.compile(
            "^cpor_inbox_events_total\\{[^}]*outcome=\"duplicate\"[^}]*}\\s+([0-9.eE+\\-]+)\\s*$", Pattern.MULTILINE);

    private ServiceMetrics() {
    }

    /** Redeliveries the service's inbox discarded since it started; -1 if it did not answer. */
    static long duplicatesDiscarded(ServiceProcess service) {
        try {
            ApiResponse response = ReliabilityPlatform.as(DevUser.STAFF).get(service.baseUrl() + "/actuator/prometheus", "text/plain");
            if (response.status() != 200) {
                return -1;
            }
            Matcher line = DUPLICATES.matcher(response.body());
            double total = 0;
            while (line.find()) {
                total += Double.parseDouble(line.group(1));
            }
            return Math.round(total);
        } catch (ApiClient.Unreachable e) {
            return -1;
        }
    }
}
