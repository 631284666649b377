package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.Violation;
import com.cpor.platform.calendar.BusinessCalendars;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The partner directory (spec §8): staff keep the partner organisations; a claim's partnerId must name one (its own
 * partner ID or one of its location IDs), and the claim's events and the customer's notice carry its name.
 */
@Service
public class PartnerDirectory {

    /** MPN and partner location IDs: digits in practice; letters, dots and dashes are tolerated, nothing else. */
    static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final int MAX_NAME = 200;
    static final int MAX_LOCATIONS = 100;

    private final PartnerDirectoryRepository directory;
    private final Clock clock;

    public PartnerDirectory(PartnerDirectoryRepository directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** What staff give for an organisation. */
    public record PartnerChange(String name, String country, String timeZone, List<String> locationIds) {
    }

    public record Saved(PartnerOrganisation organisation, boolean created) {
    }

    /** The organisation a claim's partnerId names, if the directory has it. */
    @Transactional(readOnly = true)
    public Optional<PartnerOrganisation> organisationOf(String partnerId) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            return Optional.empty();
        }
        return directory.findByAnyId(partnerId);
    }

    /** The organisation an ID names (its own or a location ID); 404 otherwise. */
    @Transactional(readOnly = true)
    public PartnerOrganisation get(String partnerId) {
        return organisationOf(partnerId).orElseThrow(() -> new NotFoundException("Partner", partnerId));
    }

    @Transactional(readOnly = true)
    public Slice<PartnerOrganisation> list(String query, int page, int size) {
        String q = query == null || query.isBlank() ? null : query.strip();
        return new Slice<>(directory.page(q, (long) page * size, size), directory.count(q));
    }

    /**
     * Creates or replaces the organisation whose own partner ID is {@code partnerId}. An ID another organisation holds
     * is a 409; so is dropping a location ID that claims name (they would lose their organisation).
     *
     * @param replacing called with the version of the organisation this replaces (not on a create)
     */
    @Transactional
    public Saved put(String partnerId, PartnerChange change, LongConsumer replacing) {
        List<String> locations = validate(partnerId, change);
        directory.lockDirectory();
        Optional<PartnerOrganisation> existing = directory.findForUpdate(partnerId);
        existing.ifPresent(organisation -> replacing.accept(organisation.version()));
        List<String> taken = new ArrayList<>();
        for (String id : concat(partnerId, locations)) {
            directory.organisationOf(id).filter(owner -> !owner.equals(partnerId))
                    .ifPresent(owner -> taken.add(id + " (partner " + owner + ")"));
        }
        if (!taken.isEmpty()) {
            throw new ClaimConflictException(ClaimConflictException.Conflict.PARTNER_ID_TAKEN,
                    "These IDs already name another organisation: " + String.join(", ", taken));
        }
        if (existing.isPresent()) {
            List<String> dropped = existing.get().locationIds().stream().filter(id -> !locations.contains(id)).toList();
            List<String> inUse = directory.namedByClaims(dropped);
            if (!inUse.isEmpty()) {
                throw new ClaimConflictException(ClaimConflictException.Conflict.PARTNER_ID_IN_USE,
                        "Claims name these location IDs, so they stay with the organisation: " + String.join(", ", inUse));
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        PartnerOrganisation organisation = new PartnerOrganisation(partnerId, change.name().strip(), change.country(),
                change.timeZone(), locations, existing.map(PartnerOrganisation::createdAt).orElse(now), now,
                existing.map(o -> o.version() + 1).orElse(1L));
        directory.save(organisation, existing.isPresent());
        return new Saved(organisation, existing.isEmpty());
    }

    private static List<String> validate(String partnerId, PartnerChange change) {
        List<Violation> errors = new ArrayList<>();
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            errors.add(new Violation("partnerId",
                    "must be 1–64 letters, digits, dots or dashes (an MPN or partner location ID)"));
        }
        if (change == null) {
            throw new InvalidRequestException("name", "is required");
        }
        if (change.name() == null || change.name().isBlank() || change.name().strip().length() > MAX_NAME) {
            errors.add(new Violation("name", "is required (at most " + MAX_NAME + " characters)"));
        }
        if (change.country() == null || !COUNTRY.matcher(change.country()).matches()) {
            errors.add(new Violation("country", "must be an ISO 3166 code of two capital letters"));
        } else if (!BusinessCalendars.knows(change.country())) {
            errors.add(new Violation("country",
                    "has no business calendar on this platform: " + change.country()));
        }
        if (change.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(change.timeZone())) {
            errors.add(new Violation("timeZone", "must be an IANA time zone such as Europe/Warsaw"));
        }
        List<String> locations = change.locationIds() == null ? List.of() : change.locationIds();
        if (locations.size() > MAX_LOCATIONS) {
            errors.add(new Violation("locationIds", "must hold at most " + MAX_LOCATIONS + " IDs"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < locations.size(); i++) {
                String id = locations.get(i);
                if (id == null || !PARTNER_ID.matcher(id).matches()) {
                    errors.add(new Violation("locationIds[" + i + "]",
                            "must be 1–64 letters, digits, dots or dashes"));
                } else if (id.equals(partnerId) || !seen.add(id)) {
                    errors.add(new Violation("locationIds[" + i + "]", "repeats " + id));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return List.copyOf(locations);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
