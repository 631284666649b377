package com.cpor.consentservice.consent.application;

import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.EndingWindow;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage of consent windows. The "ForUpdate" finders lock the row for the rest of the transaction. */
public interface ConsentWindowRepository {

    void insert(ConsentWindow window);

    /** Saves status, end, notice state, closing time and declination. */
    void update(ConsentWindow window);

    /** Saves the status and closing time of windows their timers closed, in one statement. */
    void updateEnded(List<EndingWindow> windows);

    Optional<ConsentWindow> findOpenByClaimForUpdate(String claimId);

    Optional<ConsentWindow> findByTokenHash(String tokenHash);

    Optional<ConsentWindow> findOpenByClaim(String claimId);

    Optional<ConsentWindow> findForUpdate(String consentId);

    /**
     * The windows of those ids that exist, as their timers close them (without their claim snapshots), locked in one
     * statement (in id order).
     */
    List<EndingWindow> findEndingForUpdate(List<String> consentIds);

    /** The window whose customer notice the given {@code consent.requested} event asked for. */
    Optional<ConsentWindow> findByRequestEventForUpdate(UUID requestEventId);

    /** Oldest first. */
    List<ConsentWindow> findByClaim(String claimId);

    long countOpen();
}
