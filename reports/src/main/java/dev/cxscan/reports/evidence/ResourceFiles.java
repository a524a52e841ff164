package dev.cxscan.reports.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code resources/}: what the findings were judged on, each judged resource stored once however many controls
 * and findings name it. One file per source: a template ({@code N-TEMPLATE.json}) or, for live resources, a
 * region ({@code N-REGION.json}, {@code global} for account-wide ones), so the bundle's file count grows with the
 * templates and regions scanned, not with resources times controls. Each file holds
 * <pre>
 * { "source": "template cdk.out/App.template.json",
 *   "resources": [ { "resource": {...}, "source": "template entry at ...:42", "controls": ["NETSEC-001", ...],
 *                    "findings": [ {"control", "check", "status", "message"} ], "data": {...} } ] }
 * </pre>
 * The control pages link to the file and name the entry's index.
 */
final class ResourceFiles {
    static final String FOLDER = "resources";

    /** Where one resource is stored: the file (relative to the bundle folder) and its index in "resources". */
    record Place(String file, int index) {
    }

    private final Map<ResourceRef, Place> places = new LinkedHashMap<>();

    private ResourceFiles() {
    }

    /** Where {@code ref} is stored, or null when the scan kept no data for it (no file holds it). */
    Place place(ResourceRef ref) {
        return places.get(ref);
    }

    /**
     * Writes {@code root/resources/}: every resource with data that a finding of a control names, grouped by source
     * in the order the controls first name them.
     */
    static ResourceFiles write(ScanResult result, List<ControlView> views, Path root, ObjectMapper json) throws IOException {
        Map<ResourceRef, Judged> judged = new LinkedHashMap<>();
        for (ControlView v : views) {
            for (Finding f : EvidenceBundleWriter.allFindings(v)) {
                if (f.resource() != null && result.resourceData().containsKey(f.resource())) {
                    Judged j = judged.computeIfAbsent(f.resource(), k -> new Judged());
                    j.controls.add(v.id());
                    j.findings.add(Map.entry(v.id(), f));
                }
            }
        }
        Map<String, List<ResourceRef>> bySource = new LinkedHashMap<>();
        for (ResourceRef ref : judged.keySet()) {
            bySource.computeIfAbsent(sourceOf(ref), k -> new ArrayList<>()).add(ref);
        }
        ResourceFiles out = new ResourceFiles();
        if (bySource.isEmpty()) {
            return out;
        }
        Path dir = Files.createDirectories(root.resolve(FOLDER));
        int n = 0;
        for (Map.Entry<String, List<ResourceRef>> e : bySource.entrySet()) {
            String name = (++n) + "-" + EvidenceBundleWriter.safe(chunkName(e.getValue().get(0))) + ".json";
            // streamed: the file of a large template holds thousands of resources
            try (JsonGenerator g = json.getFactory().createGenerator(dir.resolve(name).toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("source", e.getKey());
                g.writeArrayFieldStart("resources");
                int index = 0;
                for (ResourceRef ref : e.getValue()) {
                    writeResource(g, ref, judged.get(ref), result);
                    out.places.put(ref, new Place(FOLDER + "/" + name, index++));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        return out;
    }

    private static void writeResource(JsonGenerator g, ResourceRef ref, Judged j, ScanResult result) throws IOException {
        g.writeStartObject();
        g.writeObjectField("resource", ref);
        g.writeStringField("source", ref.file() != null ? "template entry at " + ref.displayLocation()
                : "API answer in CloudFormation shape" + (ref.arn() != null ? " for " + ref.arn() : ""));
        g.writeObjectField("controls", j.controls);
        g.writeArrayFieldStart("findings");
        for (Map.Entry<String, Finding> cf : j.findings) {
            g.writeStartObject();
            g.writeStringField("control", cf.getKey());
            g.writeStringField("check", cf.getValue().check());
            g.writeStringField("status", cf.getValue().status().name());
            g.writeStringField("message", cf.getValue().message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectField("data", result.resourceData().get(ref));
        g.writeEndObject();
    }

    /** The group a resource is stored in: its template, else its region. */
    private static String sourceOf(ResourceRef ref) {
        if (ref.file() != null) {
            return "template " + ref.file();
        }
        return "API answers in CloudFormation shape, " + (ref.region() == null ? "global" : "region " + ref.region());
    }

    private static String chunkName(ResourceRef ref) {
        if (ref.file() != null) {
            String f = ref.file().replace('\\', '/');
            String base = f.substring(f.lastIndexOf('/') + 1);
            return base.endsWith(".json") || base.endsWith(".yaml") || base.endsWith(".yml")
                    ? base.substring(0, base.lastIndexOf('.')) : base;
        }
        return ref.region() == null ? "global" : ref.region();
    }

    /** What the controls judged of one resource: which controls, and each finding with its control. */
    private static final class Judged {
        final Set<String> controls = new LinkedHashSet<>();
        final List<Map.Entry<String, Finding>> findings = new ArrayList<>();
    }
}
