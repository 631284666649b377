package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.PoeDocument;

public record DocumentDownload(PoeDocument document, byte[] content) {
}
