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
     * Judges one resource. Cross-resource rules use {@code context} to follow references (trail to
     * bucket to bucket policy). Must not throw for odd shapes: an unexpected value is a FAIL or an
     * unresolved verdict, never a PASS.
     */
    Verdict evaluate(Resource resource, RuleContext context);
}
