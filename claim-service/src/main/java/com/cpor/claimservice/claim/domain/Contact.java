package com.cpor.claimservice.claim.domain;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person to reach; {@code locale} (BCP 47, e.g. pl-PL) picks the language of notifications, {@code timeZone}
 * (IANA, optional) the zone their dates are shown in.
 */
public record Contact(String name, String title, String email, String locale,
                      @Schema(description = "IANA time zone the contact's e-mails and pages show dates in, e.g. "
                              + "Europe/Warsaw. Optional: by default the zone of the locale's country (pl-PL Europe/Warsaw, "
                              + "hu-HU Europe/Budapest, ru-RU Europe/Moscow, zh-CN Asia/Shanghai), else the deployment's zone",
                              example = "Europe/Warsaw") String timeZone) {
}
