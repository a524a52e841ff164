package dev.cxscan.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;

/**
 * Writes {@code cxscan: {suppressions: [{id, reason}]}} into a CfnResource's Metadata, keeping the
 * suppressions already there (a second suppression of the same check replaces its reason).
 */
final class SuppressionMetadata {
    static final String KEY = "cxscan";

    private SuppressionMetadata() {
    }

    static void add(CfnResource resource, String checkId, String reason) {
        Map<String, Object> cxscan = new LinkedHashMap<>();
        List<Object> suppressions = new ArrayList<>();
        if (resource.getMetadata(KEY) instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> cxscan.put(String.valueOf(k), v));
            if (existing.get("suppressions") instanceof List<?> list) {
                for (Object s : list) {
                    if (!(s instanceof Map<?, ?> m && checkId.equals(m.get("id")))) {
                        suppressions.add(s);
                    }
                }
            }
        }
        suppressions.add(CompetencyChecks.suppressionEntry(checkId, reason));
        cxscan.put("suppressions", suppressions);
        resource.addMetadata(KEY, cxscan);
    }
}
