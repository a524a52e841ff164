package dev.cxscan.checks.rules.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.Optional;

/**
 * NETSEC-002 (in transit): Redshift only accepts SSL connections. A cluster parameter group passes
 * when its require_ssl parameter is true; a cluster passes when the parameter group it names does.
 * A cluster without ClusterParameterGroupName uses default.redshift-1.0, whose require_ssl has been
 * false, so it fails. A group named by a literal name that is not in the template cannot be judged
 * and is reported as unresolved. Medium, like the other in-transit checks.
 */
public final class RedshiftRequireSsl extends AbstractRule {
    static final Check CHECK = Check.of("redshift_require_ssl",
            "Redshift clusters require SSL connections (require_ssl true in their parameter group)",
            Severity.MEDIUM, "NETSEC-002",
            "Give the cluster an AWS::Redshift::ClusterParameterGroup with the parameter require_ssl = true "
                    + "(in CDK: new ClusterParameterGroup(this, id, ... parameters: {require_ssl: 'true'}) and pass it "
                    + "as parameterGroup).");

    private static final String GROUP = "AWS::Redshift::ClusterParameterGroup";

    public RedshiftRequireSsl() {
        super(CHECK, "AWS::Redshift::Cluster", GROUP);
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (resource.type().equals(GROUP)) {
            return judgeGroup(resource, "");
        }
        JsonNode groupName = resource.property("ClusterParameterGroupName");
        if (Values.isAbsent(groupName)) {
            return Verdict.fail("no ClusterParameterGroupName: the cluster uses the default parameter group, "
                    + "where require_ssl is false");
        }
        Optional<Resource> group = context.resolveReference(groupName);
        if (group.isPresent() && group.get().type().equals(GROUP)) {
            return judgeGroup(group.get(), "parameter group " + group.get().id() + ": ");
        }
        if (Values.text(groupName).map(n -> n.startsWith("default.")).orElse(false)) {
            return Verdict.fail("parameter group " + Values.describe(groupName) + " is a default group, where require_ssl is false");
        }
        return Verdict.unresolved("require_ssl of parameter group " + Values.describe(groupName)
                + " (not declared in this template)");
    }

    private static Verdict judgeGroup(Resource group, String prefix) {
        JsonNode value = null;
        for (JsonNode p : Values.list(group.property("Parameters"))) {
            if (Values.textEquals(p.path("ParameterName"), "require_ssl")) {
                value = p.path("ParameterValue");
            }
        }
        if (value == null) {
            return Verdict.fail(prefix + "require_ssl is not set (defaults to false): clients may connect without SSL");
        }
        return switch (Values.bool(value, Tri.FALSE)) {
            case TRUE -> Verdict.pass(prefix + "require_ssl is true");
            case FALSE -> Verdict.fail(prefix + "require_ssl is " + Values.describe(value) + ": clients may connect without SSL");
            case UNKNOWN -> Verdict.unresolved(prefix + "require_ssl (" + Values.describe(value) + ")");
        };
    }
}
