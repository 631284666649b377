package com.cpor.claimservice;

import com.cpor.claimservice.claim.application.PartnerDirectory;
import com.cpor.devinfra.SamplePartner;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The sample users' partner organisations ({@link SamplePartner}) in the directory, as staff would enter them. */
@TestConfiguration(proxyBeanMethods = false)
public class SamplePartnerDirectory {

    @Bean
    ApplicationRunner samplePartners(PartnerDirectory directory) {
        return arguments -> {
            for (SamplePartner partner : SamplePartner.values()) {
                if (directory.organisationOf(partner.partnerId()).isEmpty()) {
                    directory.put(partner.partnerId(), new PartnerDirectory.PartnerChange(partner.organisationName(),
                            partner.country(), partner.timeZone(), partner.locationIds()), version -> {
                    });
                }
            }
        };
    }
}
