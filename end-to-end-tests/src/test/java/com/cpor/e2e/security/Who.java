package com.cpor.e2e.security;

import com.cpor.devinfra.DevUser;

/** Every kind of caller the authorization table is walked with: the sample users and nobody. */
enum Who {
    PARTNER_ADMIN(DevUser.PARTNER_ADMIN),
    PARTNER_READER(DevUser.PARTNER_READER),
    OTHER_PARTNER_ADMIN(DevUser.OTHER_PARTNER_ADMIN),
    REVIEWER(DevUser.REVIEWER),
    REVIEW_LEAD(DevUser.REVIEW_LEAD),
    STAFF(DevUser.STAFF),
    NO_TOKEN(null);

    private final DevUser user;

    Who(DevUser user) {
        this.user = user;
    }

    DevUser user() {
        return user;
    }
}
