package com.cpor.claimservice.claim.application;

import java.util.List;

/** One page of a claim's comments, documents or history, with how many there are in all. */
public record Slice<T>(List<T> items, long total) {
}
