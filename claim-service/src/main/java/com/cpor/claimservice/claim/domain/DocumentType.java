package com.cpor.claimservice.claim.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The proof-of-execution file types accepted, recognised by their bytes, never by their name. */
public enum DocumentType {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PNG("image/png"),
    JPEG("image/jpeg");

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};

    private final String contentType;

    DocumentType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * How far a ZIP package (DOCX) is inflated to find its parts: a few kilobytes of compressed input must not
     * cost gigabytes of inflation or millions of entries.
     *
     * @param maxEntries          entries looked at before the package is refused
     * @param maxInflatedBytes    bytes inflated in total before the package is refused
     * @param maxCompressionRatio inflated bytes per byte of the file before the package is refused
     */
    public record ZipBounds(int maxEntries, long maxInflatedBytes, int maxCompressionRatio) {

        public static final ZipBounds DEFAULTS = new ZipBounds(1000, 100L * 1024 * 1024, 100);
    }

    /** A ZIP package beyond the {@link ZipBounds}: refused without inspecting it further. */
    public static final class UninspectableException extends RuntimeException {

        UninspectableException(String message) {
            super(message);
        }
    }

    public static Optional<DocumentType> detect(byte[] content) {
        return detect(content, ZipBounds.DEFAULTS);
    }

    /** @throws UninspectableException when a ZIP package exceeds the bounds before it is recognised */
    public static Optional<DocumentType> detect(byte[] content, ZipBounds bounds) {
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, ZIP_MAGIC) && isWordDocument(content, bounds)) {
            return Optional.of(DOCX);
        }
        return Optional.empty();
    }

    /**
     * A DOCX is a ZIP package with a content-types part and a main document part under word/. Entries are read in
     * order and inflated only as far as the bounds allow; the search stops as soon as both parts were seen.
     */
    private static boolean isWordDocument(byte[] content, ZipBounds bounds) {
        boolean contentTypes = false;
        boolean wordDocument = false;
        long inflatedLimit = Math.min(bounds.maxInflatedBytes(), (long) bounds.maxCompressionRatio() * content.length);
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > bounds.maxEntries()) {
                    throw new UninspectableException("has more than " + bounds.maxEntries() + " ZIP entries");
                }
                contentTypes |= entry.getName().equals("[Content_Types].xml");
                wordDocument |= entry.getName().equals("word/document.xml");
                if (contentTypes && wordDocument) {
                    return true;
                }
                for (int read; (read = zip.read(buffer)) > 0; ) {
                    inflated += read;
                    if (inflated > inflatedLimit) {
                        throw new UninspectableException("inflates to more than " + inflatedLimit
                                + " bytes (at most " + bounds.maxCompressionRatio() + " times its size and "
                                + bounds.maxInflatedBytes() + " bytes)");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
