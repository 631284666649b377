package com.cpor.notificationservice.notification.domain;

/** Who receives a notice: an e-mail address, a display name and a BCP 47 locale tag. */
public record Recipient(String email, String name, String localeTag) {

    public boolean hasAddress() {
        return email != null && !email.isBlank();
    }
}
