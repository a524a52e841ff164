package dev.cxscan.checks;

import dev.cxscan.reports.Check;
import java.util.Set;

/**
 * One automated check, evaluated on resources of CloudFormation shape from templates or from live
 * API answers. One small class per check, metadata beside logic; registered in
 * {@code META-INF/services/dev.cxscan.checks.Rule} and found with {@link Rules#all()}.
 */
public interface Rule {
    /** Id, title, severity, controls and remediation of this check. */
    Check check();

    /** CloudFormation types this rule evaluates, e.g. AWS::S3::Bucket. */
    Set<String> resourceTypes();

    /**
     * The CloudFormation types this rule reads from the context across the scope, beyond the resource it judges:
     * the alarms on a database, a backup plan's selections, or every resource it counts. A live scan runs the rule
     * only when its probes read all of them (and at least one type it judges), so that no verdict rests on a type
     * nobody read. Default: none, each verdict rests on the judged resource alone.
     */
    default Set<String> lookedUpTypes() {
        return Set.of();
    }

    /**
     * Judges one resource. Cross-resource rules use {@code context} to follow references (trail to
     * bucket to bucket policy). Must not throw for odd shapes: an unexpected value is a FAIL or an
     * unresolved verdict, never a PASS.
     */
    Verdict evaluate(Resource resource, RuleContext context);
}
