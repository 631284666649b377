package com.cpor.claimservice.claim.domain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentTypeTest {

    @Test
    void recognises_the_accepted_types_by_content() {
        assertThat(DocumentType.detect("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(DocumentType.PDF);
        assertThat(DocumentType.detect(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0})).contains(DocumentType.PNG);
        assertThat(DocumentType.detect(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1})).contains(DocumentType.JPEG);
        assertThat(DocumentType.detect(zip("[Content_Types].xml", "word/document.xml"))).contains(DocumentType.DOCX);
    }

    @Test
    void refuses_executables_plain_zips_and_text() {
        assertThat(DocumentType.detect(new byte[]{'M', 'Z', (byte) 0x90, 0})).isEmpty();
        assertThat(DocumentType.detect(zip("[Content_Types].xml", "xl/workbook.xml"))).isEmpty();
        assertThat(DocumentType.detect("hello".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentType.detect(new byte[0])).isEmpty();
    }

    private static byte[] zip(String... entries) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
