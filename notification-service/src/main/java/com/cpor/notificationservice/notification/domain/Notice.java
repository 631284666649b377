package com.cpor.notificationservice.notification.domain;

import com.cpor.events.consents.EncryptedLink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One e-mail to send because of one event: which template, to whom, and the values it shows. Values are
 * raw (instants, enums, products); the renderer localises them for the recipient.
 *
 * @param subjectArgs arguments of the {@code <template>.subject} message
 * @param secretLink  a link that is the recipient's credential (the customer's consent link), encrypted: the model
 *                    holds {@link Notification#SECRET_LINK_PLACEHOLDER} in its place until the mail goes out
 */
public record Notice(NoticeTemplate template, Recipient recipient, List<Object> subjectArgs, Map<String, Object> model,
                     EncryptedLink secretLink) {

    public Notice(NoticeTemplate template, Recipient recipient, List<Object> subjectArgs, Map<String, Object> model) {
        this(template, recipient, subjectArgs, model, null);
    }

    public Notice {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(recipient, "recipient");
        subjectArgs = List.copyOf(subjectArgs);
        Map<String, Object> withoutNulls = new HashMap<>();
        model.forEach((key, value) -> withoutNulls.put(key, value == null ? "" : value));
        model = Map.copyOf(withoutNulls);
    }
}
