package com.cpor.claimservice.config;

import com.cpor.platform.calendar.PolicyDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cpor.claim.policy.*}: the claim rules a deployment may tune.
 *
 * @param disputeWindow            how long after a rejection it may be disputed ({@code P30D}, or {@code 5bd})
 * @param disputesPerClaim         how many times one claim may be disputed
 * @param maxDocumentSize          largest accepted PoE file
 * @param maxDocumentsSizePerClaim largest total of all PoE files of one claim
 * @param maxPageSize              largest page a list request may ask for
 * @param maxExportRows            most rows one CSV export contains
 */
@ConfigurationProperties("cpor.claim.policy")
public record ClaimPolicyProperties(
        @DefaultValue("P30D") String disputeWindow,
        @DefaultValue("1") int disputesPerClaim,
        @DefaultValue("10MB") DataSize maxDocumentSize,
        @DefaultValue("50MB") DataSize maxDocumentsSizePerClaim,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("10000") int maxExportRows) {

    public PolicyDuration disputeWindowDuration() {
        return PolicyDuration.parse(disputeWindow);
    }
}
