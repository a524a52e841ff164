package dev.cxscan.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data each finding was judged on, for {@link dev.cxscan.reports.ScanResult#withResourceData}: per resource
 * with a finding, its {@link Resource#definition()} - the template entry of a template scan, the API answer in
 * CloudFormation shape of a live scan. The evidence bundle shows it under each finding (redacted by the writers).
 */
public final class ResourceData {
    private ResourceData() {
    }

    /** Location to definition, for the resources of {@code resources} that have findings, in finding order. */
    public static Map<ResourceRef, JsonNode> of(Iterable<Resource> resources, List<Finding> findings) {
        Set<ResourceRef> judged = new HashSet<>();
        for (Finding f : findings) {
            if (f.resource() != null) {
                judged.add(f.resource());
            }
        }
        Map<ResourceRef, JsonNode> byRef = new HashMap<>();
        for (Resource r : resources) {
            if (judged.contains(r.location())) {
                byRef.putIfAbsent(r.location(), r.definition());
            }
        }
        Map<ResourceRef, JsonNode> data = new LinkedHashMap<>();
        for (Finding f : findings) {
            JsonNode d = f.resource() == null ? null : byRef.get(f.resource());
            if (d != null) {
                data.putIfAbsent(f.resource(), d);
            }
        }
        return data;
    }
}
