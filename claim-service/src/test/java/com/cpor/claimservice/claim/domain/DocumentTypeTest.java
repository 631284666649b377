package com.cpor.claimservice.claim.domain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    // ---- bounded DOCX inspection (issue 12: every entry was inflated in full)

    @Test
    void a_docx_whose_parts_come_first_is_recognised_without_inflating_the_rest() {
        byte[] docx = zipOf(List.of("[Content_Types].xml", "word/document.xml", "word/media/huge.bin"),
                List.of(4, 4, 50 * 1024 * 1024));
        assertThat(DocumentType.detect(docx)).contains(DocumentType.DOCX);
    }

    @Test
    void a_zip_bomb_is_refused_once_the_inflation_bound_is_reached() {
        byte[] bomb = zipOf(List.of("filler.bin", "[Content_Types].xml", "word/document.xml"),
                List.of(200 * 1024 * 1024, 4, 4));
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> DocumentType.detect(bomb)))
                .isInstanceOf(DocumentType.UninspectableException.class).hasMessageContaining("inflates to more than");
        assertThatThrownBy(() -> DocumentType.detect(bomb, new DocumentType.ZipBounds(1000, 1024 * 1024, 1_000_000)))
                .isInstanceOf(DocumentType.UninspectableException.class).hasMessageContaining("1048576 bytes");
    }

    @Test
    void a_zip_with_too_many_entries_is_refused() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            names.add("e" + i);
        }
        names.add("[Content_Types].xml");
        names.add("word/document.xml");
        byte[] many = zipOf(names, names.stream().map(n -> 0).toList());
        assertThatThrownBy(() -> DocumentType.detect(many))
                .isInstanceOf(DocumentType.UninspectableException.class).hasMessageContaining("more than 1000");
    }

    @Test
    void the_bare_signature_of_a_type_is_enough_and_one_byte_less_is_not() {
        assertThat(DocumentType.detect("%PDF-".getBytes(StandardCharsets.US_ASCII))).contains(DocumentType.PDF);
        assertThat(DocumentType.detect("%PDF".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentType.detect(new byte[]{(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void a_package_that_inflates_exactly_to_the_bound_is_still_inspected() {
        byte[] docx = zipOf(List.of("[Content_Types].xml", "filler.bin", "word/document.xml"), List.of(0, 4096, 0));
        assertThat(DocumentType.detect(docx, new DocumentType.ZipBounds(1000, 4096, 1_000_000))).contains(DocumentType.DOCX);
        assertThatThrownBy(() -> DocumentType.detect(docx, new DocumentType.ZipBounds(1000, 4095, 1_000_000)))
                .isInstanceOf(DocumentType.UninspectableException.class);
        // entries: the bound counts the entries looked at, the last of which may complete the document
        assertThat(DocumentType.detect(docx, new DocumentType.ZipBounds(3, 1 << 20, 1_000_000))).contains(DocumentType.DOCX);
        assertThatThrownBy(() -> DocumentType.detect(docx, new DocumentType.ZipBounds(2, 1 << 20, 1_000_000)))
                .isInstanceOf(DocumentType.UninspectableException.class);
    }

    @Test
    void a_broken_package_is_not_a_document() {
        byte[] docx = zip("[Content_Types].xml", "word/document.xml");
        byte[] truncated = java.util.Arrays.copyOf(docx, 40);
        assertThat(DocumentType.detect(truncated)).isEmpty();
        assertThat(DocumentType.detect(zip("word/document.xml"))).isEmpty();
        assertThat(DocumentType.DOCX.contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(DocumentType.PDF.contentType()).isEqualTo("application/pdf");
    }

    /** Entries of zeros, deflated: 200 MiB of zeros is a few hundred kilobytes. */
    private static byte[] zipOf(List<String> names, List<Integer> sizes) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < names.size(); i++) {
                zip.putNextEntry(new ZipEntry(names.get(i)));
                for (int left = sizes.get(i); left > 0; left -= zeros.length) {
                    zip.write(zeros, 0, Math.min(left, zeros.length));
                }
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
