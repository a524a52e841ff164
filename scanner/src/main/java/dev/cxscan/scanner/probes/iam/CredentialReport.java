package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The IAM credential report (CSV, first line the column names) as JSON rows, one object per line
 * keyed by column: {"user": "&lt;root_account&gt;", "password_last_used": "2024-01-02T03:04:05+00:00", ...}.
 * The report's fields hold no commas or quotes, so a plain split is exact.
 */
public final class CredentialReport {
    public static final String ROOT = "<root_account>";

    private CredentialReport() {
    }

    public static ArrayNode parse(String csv) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        String[] lines = csv.strip().split("\\r?\\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            return rows;
        }
        String[] header = lines[0].split(",", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            ObjectNode row = rows.addObject();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c].trim(), c < cells.length ? cells[c].trim() : "");
            }
        }
        return rows;
    }
}
