package com.cpor.platform.web.idempotency;

/** The answer given to the first request with a key: replayed to every retry with the same key and body. */
public record StoredResponse(int status, String contentType, String location, String etag, byte[] body) {
}
