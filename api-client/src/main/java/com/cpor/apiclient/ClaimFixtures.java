package com.cpor.apiclient;

import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The claim fixtures every test and the benchmarks share: the partners, proof-of-execution documents the service
 * accepts (and one it must refuse), valid claim bodies ({@link ClaimBody}), and, as an instance bound to a partner's
 * client, a claim brought to EDITING (with or without its PoE) or SUBMITTED through the REST API.
 */
public final class ClaimFixtures {

    /** The development users' partner; {@link #OTHER_PARTNER} is another one. */
    public static final String PARTNER = "1234567";
    public static final String OTHER_PARTNER = "7654321";

    /** claim-service's collection, relative to its base URL. */
    public static final String CLAIMS = "/api/v1/claims";

    /** A minimal but real PDF: the service checks content, not names. */
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** A proof of execution: a minimal but real PDF (the service checks content, not names). */
    public static byte[] pdf() {
        return PDF.clone();
    }

    public static byte[] png() {
        return padded(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'}, 80);
    }

    public static byte[] jpeg() {
        return padded(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}, 128);
    }

    /** The minimum sizes per type (cpor.claim.limits.min-document-size) want files the size of real ones. */
    private static byte[] padded(byte[] start, int size) {
        return Arrays.copyOf(start, size);
    }

    public static byte[] docx() {
        return docx(0);
    }

    /**
     * A DOCX (a ZIP with the Word parts); with {@code fillerMebibytes} > 0 its first entry inflates to that many MiB
     * of zeros (a zip bomb of a few hundred kilobytes on the wire).
     */
    public static byte[] docx(int fillerMebibytes) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            if (fillerMebibytes > 0) {
                zip.putNextEntry(new ZipEntry("filler.bin"));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < fillerMebibytes; i++) {
                    zip.write(zeros);
                }
            }
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Windows executable: what a renamed "poe.pdf" might really be. */
    public static byte[] executable() {
        return new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    }

    /**
     * The valid claim of the services' integration tests: {@link ClaimBody#valid()} on the given tenant, its customer
     * contact Polish-speaking, no declared domains.
     */
    public static Map<String, Object> microsoft365Claim(String tenantId) {
        return ClaimBody.valid().tenantId(tenantId).customerLocale("pl-PL").partnerEmail("piotr@partner.example")
                .noDeclaredDomains().toMap();
    }

    public static Map<String, Object> microsoft365Claim() {
        return microsoft365Claim(UUID.randomUUID().toString());
    }

    private final ApiClient partner;
    private final String claimsUrl;

    /** The steps as {@code partner} takes them against {@code claimsUrl} (absolute, or relative to its base URL). */
    public ClaimFixtures(ApiClient partner, String claimsUrl) {
        this.partner = partner;
        this.claimsUrl = claimsUrl;
    }

    /** Creates the claim (with an Idempotency-Key) and returns its id; the claim is EDITING. */
    public String create(Map<String, Object> claim) {
        return partner.create(claimsUrl, claim).expect(201).json().get("id").asString();
    }

    /** Creates the claim with its PoE uploaded (ready to submit); returns its id. */
    public String createWithPoe(Map<String, Object> claim) {
        String id = create(claim);
        uploadPoe(id);
        return id;
    }

    /** Uploads a PDF as the claim's proof of execution; returns the document's id. */
    public String uploadPoe(String claimId) {
        return partner.upload(claimsUrl + "/" + claimId + "/documents", "poe.pdf", "application/pdf", pdf())
                .expect(201).json().get("id").asString();
    }

    public void submit(String claimId) {
        partner.post(claimsUrl + "/" + claimId + "/submit", Map.of()).expect(200);
    }

    /** Create, upload the PoE, submit: the partner's intake of one claim; returns its id. */
    public String submitted(Map<String, Object> claim) {
        String id = createWithPoe(claim);
        submit(id);
        return id;
    }

    /** The claim as the partner reads it. */
    public JsonNode get(String claimId) {
        return partner.get(claimsUrl + "/" + claimId).expect(200).json();
    }

    public String status(String claimId) {
        return get(claimId).get("status").asString();
    }
}
