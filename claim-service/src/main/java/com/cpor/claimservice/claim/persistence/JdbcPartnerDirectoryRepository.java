package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.PartnerDirectoryRepository;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The partner directory in PostgreSQL: organisations and every ID (own and location IDs) that names one. */
@Repository
class JdbcPartnerDirectoryRepository implements PartnerDirectoryRepository {

    private static final String COLUMNS = """
            o.partner_id, o.name, o.country, o.time_zone, o.created_at, o.updated_at, o.version,
            ARRAY(SELECT l.partner_id FROM partner_directory_id l
                  WHERE l.organisation_id = o.partner_id AND l.partner_id <> o.partner_id
                  ORDER BY l.partner_id) AS location_ids""";

    private final JdbcClient jdbc;

    JdbcPartnerDirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation a claim's partnerId (its own or a location ID) names. */
    public Optional<PartnerOrganisation> findByAnyId(String partnerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_directory_id d JOIN partner_organisation o"
                        + " ON o.partner_id = d.organisation_id WHERE d.partner_id = ?")
                .param(partnerId).query(JdbcPartnerDirectoryRepository::toOrganisation).optional();
    }

    /** The organisation whose own partner ID this is, locked until the transaction ends. */
    public Optional<PartnerOrganisation> findForUpdate(String partnerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_organisation o WHERE o.partner_id = ? FOR UPDATE OF o")
                .param(partnerId).query(JdbcPartnerDirectoryRepository::toOrganisation).optional();
    }

    /** Which organisation holds an ID (own or location), if any. */
    public Optional<String> organisationOf(String id) {
        return jdbc.sql("SELECT organisation_id FROM partner_directory_id WHERE partner_id = ?").param(id)
                .query(String.class).optional();
    }

    public List<PartnerOrganisation> page(String query, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_organisation o" + where(query)
                        + " ORDER BY o.name, o.partner_id LIMIT :limit OFFSET :offset")
                .param("q", like(query)).param("limit", limit).param("offset", offset)
                .query(JdbcPartnerDirectoryRepository::toOrganisation).list();
    }

    public long count(String query) {
        return jdbc.sql("SELECT count(*) FROM partner_organisation o" + where(query)).param("q", like(query))
                .query(Long.class).single();
    }

    /** Writes the organisation and replaces its IDs (the caller has checked that no other organisation holds them). */
    public void save(PartnerOrganisation organisation, boolean exists) {
        var sql = exists ? """
                UPDATE partner_organisation SET name = :name, country = :country, time_zone = :timeZone,
                    updated_at = :updatedAt, version = :version
                WHERE partner_id = :partnerId
                """ : """
                INSERT INTO partner_organisation (partner_id, name, country, time_zone, created_at, updated_at, version)
                VALUES (:partnerId, :name, :country, :timeZone, :createdAt, :updatedAt, :version)
                """;
        jdbc.sql(sql)
                .param("partnerId", organisation.partnerId())
                .param("name", organisation.name())
                .param("country", organisation.country())
                .param("timeZone", organisation.timeZone())
                .param("createdAt", Timestamp.from(organisation.createdAt()))
                .param("updatedAt", Timestamp.from(organisation.updatedAt()))
                .param("version", organisation.version())
                .update();
        jdbc.sql("DELETE FROM partner_directory_id WHERE organisation_id = ?").param(organisation.partnerId()).update();
        jdbc.sql("INSERT INTO partner_directory_id (partner_id, organisation_id) VALUES (?, ?)")
                .params(organisation.partnerId(), organisation.partnerId()).update();
        for (String location : organisation.locationIds()) {
            jdbc.sql("INSERT INTO partner_directory_id (partner_id, organisation_id) VALUES (?, ?)")
                    .params(location, organisation.partnerId()).update();
        }
    }

    /** Which of these IDs claims name. */
    public List<String> namedByClaims(List<String> ids) {
        return ids.isEmpty() ? List.of() : jdbc.sql(
                        "SELECT DISTINCT partner_id FROM claim WHERE partner_id IN (:ids) ORDER BY partner_id")
                .param("ids", ids).query(String.class).list();
    }

    /** Serialises changes of the directory's IDs, so two organisations cannot take the same location ID at once. */
    public void lockDirectory() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('partner-directory', 0))").query((rs, n) -> 1).list();
    }

    private static String where(String query) {
        return query == null ? "" : " WHERE o.partner_id ILIKE :q ESCAPE '\\' OR o.name ILIKE :q ESCAPE '\\'"
                + " OR EXISTS (SELECT 1 FROM partner_directory_id l WHERE l.organisation_id = o.partner_id"
                + " AND l.partner_id ILIKE :q ESCAPE '\\')";
    }

    private static String like(String query) {
        return query == null ? null
                : "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static PartnerOrganisation toOrganisation(ResultSet rs, int row) throws SQLException {
        return new PartnerOrganisation(rs.getString("partner_id"), rs.getString("name"), rs.getString("country"),
                rs.getString("time_zone"), List.of((String[]) rs.getArray("location_ids").getArray()),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
