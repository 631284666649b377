package com.cpor.devinfra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partner organisations of the sample users ({@link DevUser#partnerIds()}): what the local stack, the end-to-end
 * platform and the services' tests put into claim-service's partner directory. The one list of them.
 */
public enum SamplePartner {

    PARTNER_ONE("1234567", "Nowak IT Solutions sp. z o.o.", "PL", "Europe/Warsaw", List.of("1234568")),
    PARTNER_TWO("7654321", "Fabrikam (Shanghai) Co., Ltd.", "CN", "Asia/Shanghai", List.of());

    private final String partnerId;
    private final String organisationName;
    private final String country;
    private final String timeZone;
    private final List<String> locationIds;

    SamplePartner(String partnerId, String organisationName, String country, String timeZone, List<String> locationIds) {
        this.partnerId = partnerId;
        this.organisationName = organisationName;
        this.country = country;
        this.timeZone = timeZone;
        this.locationIds = locationIds;
    }

    public String partnerId() {
        return partnerId;
    }

    public String organisationName() {
        return organisationName;
    }

    public String country() {
        return country;
    }

    public String timeZone() {
        return timeZone;
    }

    public List<String> locationIds() {
        return locationIds;
    }

    /** The path under claim-service that holds this organisation. */
    public String path() {
        return "/api/v1/partners/" + partnerId;
    }

    /** The body of {@code PUT /api/v1/partners/{partnerId}}. */
    public Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", organisationName);
        body.put("country", country);
        body.put("timeZone", timeZone);
        body.put("locationIds", locationIds);
        return body;
    }

    /** The same body as JSON text (for clients without a JSON mapper). */
    public String requestJson() {
        StringBuilder locations = new StringBuilder();
        for (String id : locationIds) {
            locations.append(locations.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return "{\"name\":\"" + organisationName + "\",\"country\":\"" + country + "\",\"timeZone\":\"" + timeZone
                + "\",\"locationIds\":[" + locations + "]}";
    }

    public static SamplePartner byPartnerId(String partnerId) {
        for (SamplePartner partner : values()) {
            if (partner.partnerId.equals(partnerId)) {
                return partner;
            }
        }
        throw new IllegalArgumentException("No sample partner " + partnerId);
    }

    /**
     * Puts every sample organisation into the directory of the claim-service at {@code claimServiceUrl} unless it is
     * there already (staff may have changed it in a long-lived local stack), acting as {@link DevUser#STAFF}.
     */
    public static void seed(String claimServiceUrl, String staffToken) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (SamplePartner partner : values()) {
            try {
                java.net.http.HttpResponse<String> existing = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(claimServiceUrl + partner.path()))
                        .header("Authorization", "Bearer " + staffToken).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (existing.statusCode() == 200) {
                    continue;
                }
                java.net.http.HttpResponse<String> put = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(claimServiceUrl + partner.path()))
                        .header("Authorization", "Bearer " + staffToken).header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(partner.requestJson())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (put.statusCode() != 201 && put.statusCode() != 200) {
                    throw new IllegalStateException("Could not seed partner " + partner.partnerId + ": HTTP "
                            + put.statusCode() + " " + put.body());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
