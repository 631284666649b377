package com.cpor.claimservice.config;

import com.cpor.claimservice.claim.domain.DocumentType;
import com.cpor.claimservice.claim.domain.FieldLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cpor.claim.limits.*}: how much one claim may hold, so that no partner can make a claim (or a request)
 * arbitrarily large. Sizes of files are in {@link ClaimPolicyProperties}.
 *
 * @param maxTextLength          characters of a name, title, domain, partner ID or other short text field
 * @param maxProducts            products (Business Applications: product and subscription pairs) per claim
 * @param maxDocuments           PoE documents per claim
 * @param maxComments            comments per claim (partners and reviewers together)
 * @param maxCommentLength       characters of a comment and of a dispute justification
 * @param maxReasonLength        characters of a withdrawal reason
 * @param minDocumentSize        smallest file accepted per type: anything smaller cannot be a real document
 * @param docx                   how far a DOCX (a ZIP package) is inflated to recognise it
 */
@ConfigurationProperties("cpor.claim.limits")
public record ClaimLimitsProperties(
        @DefaultValue("200") int maxTextLength,
        @DefaultValue("50") int maxProducts,
        @DefaultValue("20") int maxDocuments,
        @DefaultValue("500") int maxComments,
        @DefaultValue("5000") int maxCommentLength,
        @DefaultValue("1000") int maxReasonLength,
        @DefaultValue MinDocumentSize minDocumentSize,
        @DefaultValue Docx docx) {

    /**
     * @param pdf  a PDF needs a header, a catalogue, a trailer and %%EOF
     * @param docx a ZIP package with at least two parts
     * @param png  signature, IHDR, IDAT and IEND chunks
     * @param jpeg markers, a quantisation and a Huffman table at the least
     */
    public record MinDocumentSize(
            @DefaultValue("100B") DataSize pdf,
            @DefaultValue("200B") DataSize docx,
            @DefaultValue("67B") DataSize png,
            @DefaultValue("100B") DataSize jpeg) {

        public long of(DocumentType type) {
            return switch (type) {
                case PDF -> pdf.toBytes();
                case DOCX -> docx.toBytes();
                case PNG -> png.toBytes();
                case JPEG -> jpeg.toBytes();
            };
        }
    }

    /**
     * @param maxEntries          ZIP entries looked at
     * @param maxInflatedSize     bytes inflated in total
     * @param maxCompressionRatio inflated bytes per byte of the file
     */
    public record Docx(
            @DefaultValue("1000") int maxEntries,
            @DefaultValue("100MB") DataSize maxInflatedSize,
            @DefaultValue("100") int maxCompressionRatio) {
    }

    public FieldLimits fields() {
        return new FieldLimits(maxTextLength, maxProducts);
    }

    public DocumentType.ZipBounds zipBounds() {
        return new DocumentType.ZipBounds(docx.maxEntries(), docx.maxInflatedSize().toBytes(), docx.maxCompressionRatio());
    }
}
