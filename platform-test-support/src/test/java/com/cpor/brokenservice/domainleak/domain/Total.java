package com.cpor.brokenservice.domainleak.domain;

public record Total(String currency, long cents) {
}
