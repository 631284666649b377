package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.PartnerOrganisation;

import java.util.List;
import java.util.Optional;

/** Port: the partner directory, organisations and every ID (own and location IDs) that names one. */
public interface PartnerDirectoryRepository {

    /** The organisation a claim's partnerId (its own or a location ID) names. */
    Optional<PartnerOrganisation> findByAnyId(String partnerId);

    /** The organisation whose own partner ID this is, locked until the transaction ends. */
    Optional<PartnerOrganisation> findForUpdate(String partnerId);

    /** Which organisation holds an ID (own or location), if any. */
    Optional<String> organisationOf(String id);

    List<PartnerOrganisation> page(String query, long offset, int limit);

    long count(String query);

    /** Writes the organisation and replaces its IDs (the caller has checked that no other organisation holds them). */
    void save(PartnerOrganisation organisation, boolean exists);

    /** Which of these IDs claims name. */
    List<String> namedByClaims(List<String> ids);

    /** Serialises changes of the directory's IDs, so two organisations cannot take the same location ID at once. */
    void lockDirectory();
}
