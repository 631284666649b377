package com.cpor.consentservice.consent.application;

import com.cpor.consentservice.consent.domain.ConsentWindow;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage of consent windows. The "ForUpdate" finders lock the row for the rest of the transaction. */
public interface ConsentWindowRepository {

    void insert(ConsentWindow window);

    /** Saves status, end, notice state, closing time and declination. */
    void update(ConsentWindow window);

    /** {@link #update} for several windows, in one statement. */
    void updateAll(List<ConsentWindow> windows);

    Optional<ConsentWindow> findOpenByClaimForUpdate(String claimId);

    Optional<ConsentWindow> findByTokenHash(String tokenHash);

    Optional<ConsentWindow> findOpenByClaim(String claimId);

    Optional<ConsentWindow> findForUpdate(String consentId);

    /** The windows of those ids that exist, locked in one statement (in id order). */
    List<ConsentWindow> findAllForUpdate(List<String> consentIds);

    /** The window whose customer notice the given {@code consent.requested} event asked for. */
    Optional<ConsentWindow> findByRequestEventForUpdate(UUID requestEventId);

    /** Oldest first. */
    List<ConsentWindow> findByClaim(String claimId);

    long countOpen();
}
