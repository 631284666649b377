package com.cpor.claimservice.claim.domain;

import java.time.Instant;
import java.util.List;

/**
 * A partner organisation of the partner directory (spec §8): who stands behind a claim's partnerId. Claims name the
 * organisation's own partner ID (MPN) or one of its further location IDs.
 *
 * @param country  ISO 3166 code (two capital letters): the calendar of the partner's deadlines
 * @param timeZone IANA zone the partner's deadlines are counted and shown in
 */
public record PartnerOrganisation(String partnerId, String name, String country, String timeZone,
                                  List<String> locationIds, Instant createdAt, Instant updatedAt, long version) {

    public PartnerOrganisation {
        locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
    }
}
