package dev.cxscan.checks.rules.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;

/**
 * "Option X must be true" for OpenSearch Service and legacy Elasticsearch domains, which share the
 * property shapes. Absent means false: the service does not turn these options on by itself.
 */
abstract class DomainFlag extends AbstractRule {
    static final String OPENSEARCH = "AWS::OpenSearchService::Domain";
    static final String ELASTICSEARCH = "AWS::Elasticsearch::Domain";

    private final String[] path;
    private final String meaning;

    DomainFlag(Check check, String meaning, String... path) {
        super(check, OPENSEARCH, ELASTICSEARCH);
        this.path = path;
        this.meaning = meaning;
    }

    @Override
    public Verdict evaluate(Resource domain, RuleContext context) {
        JsonNode value = domain.property(path);
        String name = String.join(".", path);
        Tri t = Values.bool(value, Tri.FALSE);
        return switch (t) {
            case TRUE -> Verdict.pass(name + " is true: " + meaning + extra(domain));
            case FALSE -> Verdict.fail(name + (Values.isAbsent(value) ? " is not set (defaults to false)" : " is false")
                    + ": " + meaning + " is off");
            case UNKNOWN -> Verdict.unresolved(name + " (" + Values.describe(value) + ")");
        };
    }

    /** Detail added to a PASS message. */
    String extra(Resource domain) {
        return "";
    }
}
