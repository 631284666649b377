package com.cpor.archfixture.platform.config;

/** Fixture: settings kept in config. */
public record RelaySettings(int batchSize) {
}
