package com.cpor.platform.web;

/**
 * A representation of a resource with a version that moves on every change. Its answers carry the strong ETag
 * {@code "<version>"} ({@link VersionETagAdvice}), which a client sends back as {@code If-Match} ({@link IfMatch}).
 */
public interface Versioned {

    long version();
}
