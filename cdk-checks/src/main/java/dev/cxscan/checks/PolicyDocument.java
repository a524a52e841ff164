package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IAM policy document (identity, resource or trust policy) read from a template property or an
 * API answer (a JSON string, URL-encoded or not, is parsed too). Statements are normalized so that
 * single values are lists.
 */
public final class PolicyDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One statement. Lists hold the raw JSON values (literals or intrinsics).
     *
     * @param principal the Principal value as written ("*", {"AWS": [...]}, {"Service": ...}); missing when absent
     */
    public record Statement(String sid, boolean allow, List<JsonNode> actions, List<JsonNode> notActions,
                            List<JsonNode> resources, List<JsonNode> notResources, JsonNode principal,
                            JsonNode notPrincipal, JsonNode condition) {

        /** Literal action names ("s3:GetObject", "*"); intrinsic values are skipped. */
        public List<String> actionNames() {
            return texts(actions);
        }

        public List<String> resourceNames() {
            return texts(resources);
        }

        /** True when any literal in Resource is "*". */
        public boolean anyResource() {
            return resourceNames().contains("*");
        }

        /** Principal values of a kind ("AWS", "Service", "Federated"), or ["*"] for Principal "*". */
        public List<String> principals(String kind) {
            if (Values.isAbsent(principal)) {
                return List.of();
            }
            if (principal.isTextual()) {
                return List.of(principal.textValue());
            }
            return texts(Values.list(principal.path(kind)));
        }

        /** Condition keys used in any operator, lower-cased (e.g. "aws:securetransport", "sts:externalid"). */
        public List<String> conditionKeys() {
            List<String> keys = new ArrayList<>();
            if (condition != null && condition.isObject()) {
                condition.elements().forEachRemaining(op -> op.fieldNames().forEachRemaining(k -> keys.add(k.toLowerCase())));
            }
            return keys;
        }

        private static List<String> texts(List<JsonNode> nodes) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : nodes) {
                Values.text(n).ifPresent(out::add);
            }
            return out;
        }
    }

    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Reads a policy document; empty when the value is absent, an intrinsic or not a policy. */
    public static Optional<PolicyDocument> of(JsonNode document) {
        if (Values.isAbsent(document)) {
            return Optional.empty();
        }
        JsonNode doc = document;
        if (doc.isTextual()) {
            String text = doc.textValue();
            try {
                if (text.startsWith("%7B") || text.startsWith("%7b")) {
                    text = java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
                }
                doc = MAPPER.readTree(text);
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        if (!doc.isObject() || Values.isIntrinsic(doc)) {
            return Optional.empty();
        }
        List<Statement> out = new ArrayList<>();
        for (JsonNode s : Values.list(doc.path("Statement"))) {
            if (!s.isObject()) {
                continue;
            }
            out.add(new Statement(
                    s.path("Sid").asText(null),
                    !"Deny".equalsIgnoreCase(s.path("Effect").asText("Allow")),
                    Values.list(s.path("Action")),
                    Values.list(s.path("NotAction")),
                    Values.list(s.path("Resource")),
                    Values.list(s.path("NotResource")),
                    s.path("Principal"),
                    s.path("NotPrincipal"),
                    s.path("Condition")));
        }
        return Optional.of(new PolicyDocument(out));
    }

    public List<Statement> statements() {
        return statements;
    }

    public List<Statement> allowStatements() {
        return statements.stream().filter(Statement::allow).toList();
    }

    public List<Statement> denyStatements() {
        return statements.stream().filter(s -> !s.allow()).toList();
    }
}
