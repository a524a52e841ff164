package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own evidence for controls no API can judge, read from {@code evidence.yaml} (--evidence):
 * per control id, the documents (local files, copied into the evidence bundle, or URLs) and a short
 * statement. A control with at least one document is covered: when nothing else is missing it is
 * reported ATTESTED (supplied by the user, not verified by cxscan).
 *
 * <pre>
 * controls:
 *   OPE-002:
 *     statement: Runbook for the support team, reviewed with the customer.
 *     documents:
 *       - file: docs/runbook.pdf          # relative to the evidence.yaml folder
 *       - url: https://wiki.example.com/ope/runbook
 *         title: Runbook (wiki)
 * </pre>
 *
 * @param source   the evidence.yaml read, or null for no user evidence
 * @param controls per control id, in file order
 */
public record EvidenceFile(@JsonIgnore Path source, Map<String, ControlEvidence> controls) {

    public EvidenceFile {
        controls = controls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(controls));
    }

    /** What the user supplied for one control. */
    @JsonPropertyOrder({"statement", "documents"})
    public record ControlEvidence(String statement, List<Document> documents) {
        public ControlEvidence {
            documents = documents == null ? List.of() : List.copyOf(documents);
        }
    }

    /**
     * One document: exactly one of {@code file} (as written in evidence.yaml) or {@code url}.
     *
     * @param path the file resolved against the evidence.yaml folder; null for URLs
     */
    @JsonPropertyOrder({"title", "file", "url"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String title, String file, String url, @JsonIgnore Path path) {
        /** What to show: the title, else the file name or URL. */
        public String label() {
            if (title != null && !title.isBlank()) {
                return title;
            }
            return file != null ? file : url;
        }

        public boolean isFile() {
            return file != null;
        }
    }

    /** No user evidence. */
    public static EvidenceFile none() {
        return new EvidenceFile(null, Map.of());
    }

    public boolean isEmpty() {
        return controls.isEmpty();
    }

    public Optional<ControlEvidence> forControl(String controlId) {
        return Optional.ofNullable(controls.get(controlId));
    }

    /** True when the user attached at least one document for the control. */
    public boolean covers(String controlId) {
        ControlEvidence e = controls.get(controlId);
        return e != null && !e.documents().isEmpty();
    }

    /**
     * Reads and checks evidence.yaml: known control ids, every document a file that exists or an http(s)
     * URL, at least one document per control. All problems are reported at once.
     *
     * @throws EvidenceException naming every missing file and every invalid entry
     */
    public static EvidenceFile load(Path yaml, ControlCatalog catalog) throws IOException {
        if (!Files.isRegularFile(yaml)) {
            throw new EvidenceException("evidence file not found: " + yaml);
        }
        ObjectMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        JsonNode root;
        try {
            root = mapper.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new EvidenceException("cannot parse " + yaml + ": " + e.getMessage());
        }
        Path base = yaml.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, ControlEvidence> controls = new LinkedHashMap<>();
        JsonNode node = root == null ? null : root.get("controls");
        if (node == null || !node.isObject()) {
            throw new EvidenceException(yaml + ": expected a top-level 'controls:' map of control id to documents and statement");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            JsonNode c = entry.getValue();
            if (catalog.control(id).isEmpty()) {
                problems.add("unknown control '" + id + "' (expected one of "
                        + String.join(", ", catalog.controls().stream().map(Control::id).toList()) + ")");
                continue;
            }
            if (c == null || !c.isObject()) {
                problems.add(id + ": expected 'statement' and 'documents'");
                continue;
            }
            String statement = c.path("statement").isTextual() ? c.get("statement").asText().strip() : null;
            List<Document> docs = new ArrayList<>();
            JsonNode list = c.path("documents");
            if (!list.isMissingNode() && !list.isArray()) {
                problems.add(id + ": 'documents' must be a list");
            }
            for (JsonNode d : list) {
                String title = text(d, "title");
                String file = d.isTextual() ? d.asText() : text(d, "file");
                String url = text(d, "url");
                if ((file == null) == (url == null)) {
                    problems.add(id + ": each document needs exactly one of 'file' or 'url': " + d);
                } else if (url != null) {
                    if (!isWebUrl(url)) {
                        problems.add(id + ": not an http(s) URL: " + url);
                    } else {
                        docs.add(new Document(title, null, url, null));
                    }
                } else {
                    Path p = base.resolve(file).normalize();
                    if (!Files.isRegularFile(p)) {
                        missing.add(id + ": " + file + " (looked for " + p + ")");
                    } else {
                        docs.add(new Document(title, file, null, p));
                    }
                }
            }
            if (docs.isEmpty() && list.isEmpty()) {
                problems.add(id + ": no document given (a statement alone does not attest a control)");
            }
            controls.put(id, new ControlEvidence(statement, docs));
        }
        if (!missing.isEmpty()) {
            problems.add(0, "evidence file" + (missing.size() > 1 ? "s" : "") + " not found:\n  "
                    + String.join("\n  ", missing));
        }
        if (!problems.isEmpty()) {
            throw new EvidenceException(yaml + ": " + String.join("\n", problems));
        }
        return new EvidenceFile(yaml, controls);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private static boolean isWebUrl(String url) {
        try {
            URI u = new URI(url);
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Invalid evidence.yaml or a missing document: a usage/input error (exit 2). */
    public static final class EvidenceException extends IOException {
        public EvidenceException(String message) {
            super(message);
        }
    }
}
