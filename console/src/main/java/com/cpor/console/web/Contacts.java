package com.cpor.console.web;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A contact of a claim on one line: {@code ${@contacts.line(claim.customerContact)}}. */
@Component("contacts")
public class Contacts {

    public String line(Object contact) {
        if (!(contact instanceof Map<?, ?> fields)) {
            return "—";
        }
        String person = Stream.of(fields.get("name"), fields.get("title"), fields.get("email"))
                .filter(Objects::nonNull).map(Object::toString).filter(value -> !value.isBlank())
                .collect(Collectors.joining(", "));
        List<Object> language = Stream.of(fields.get("locale"), fields.get("timeZone")).filter(Objects::nonNull).toList();
        return language.isEmpty() ? person
                : person + " (" + language.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
    }
}
