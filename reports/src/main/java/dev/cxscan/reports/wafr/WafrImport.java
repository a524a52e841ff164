package dev.cxscan.reports.wafr;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The imported Well-Architected review of a scan, for results.json (top-level {@code wafr}, added to schema 1),
 * the HTML report and the evidence bundle: the review's provenance and outcome, and the attachments (PDF
 * reports) that were given but waive nothing.
 *
 * @param review      provenance (source, files and SHA-256, workload, lens, milestone, review date), the
 *                    review-level reasons it does not count, and the controls it waived
 * @param attachments files kept as evidence only
 */
@JsonPropertyOrder({"review", "attachments"})
public record WafrImport(Map<String, Object> review, List<Attachment> attachments) {
    public WafrImport {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * A file kept as evidence only.
     *
     * @param name   the file name
     * @param source the path as given on the command line
     * @param sha256 hex SHA-256 of the file
     * @param size   bytes
     * @param note   why it waives nothing
     * @param path   where to copy it from (not serialized)
     */
    @JsonPropertyOrder({"name", "source", "sha256", "size", "note"})
    public record Attachment(String name, String source, String sha256, long size, String note, @JsonIgnore Path path) {
    }
}
