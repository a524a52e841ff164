package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was scanned and when: the "scan" block of results.json. {@code apiCalls} (a live scan's calls, retries
 * and throttles per AWS service, keyed by IAM prefix such as "ec2") is left out of the JSON when empty, as it is
 * for template scans.
 */
@JsonPropertyOrder({"startedAt", "finishedAt", "account", "callerArn", "regions", "templates", "apiCalls"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScanInfo(Instant startedAt, Instant finishedAt, String account, String callerArn,
                       List<String> regions, List<String> templates,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ServiceCalls> apiCalls) {
    public ScanInfo {
        regions = List.copyOf(regions);
        templates = List.copyOf(templates);
        apiCalls = apiCalls == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /** A scan without API call figures. */
    public ScanInfo(Instant startedAt, Instant finishedAt, String account, String callerArn,
                    List<String> regions, List<String> templates) {
        this(startedAt, finishedAt, account, callerArn, regions, templates, Map.of());
    }

    public static ScanInfo forTemplates(Instant startedAt, Instant finishedAt, List<String> templates) {
        return new ScanInfo(startedAt, finishedAt, null, null, List.of(), templates);
    }
}
