package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/** What was scanned and when: the "scan" block of results.json. */
@JsonPropertyOrder({"startedAt", "finishedAt", "account", "callerArn", "regions", "templates"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScanInfo(Instant startedAt, Instant finishedAt, String account, String callerArn,
                       List<String> regions, List<String> templates) {
    public ScanInfo {
        regions = List.copyOf(regions);
        templates = List.copyOf(templates);
    }

    public static ScanInfo forTemplates(Instant startedAt, Instant finishedAt, List<String> templates) {
        return new ScanInfo(startedAt, finishedAt, null, null, List.of(), templates);
    }
}
