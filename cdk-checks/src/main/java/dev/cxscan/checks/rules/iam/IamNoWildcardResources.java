package dev.cxscan.checks.rules.iam;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * ACCT-002: no Allow statement pairs Resource "*" with an action that supports resource-level
 * permissions and is not read-only.
 * <p>
 * Read-only means List*, Get* or Describe* (see {@link IamPolicies#isReadOnly}); statements whose
 * actions are all read-only pass, as the catalog says, even though some Get actions read data
 * (secretsmanager:GetSecretValue). Actions without resource-level permissions, which AWS only
 * grants on "*", come from a short documented allowlist ({@link IamPolicies#STAR_ONLY_WRITES}:
 * X-Ray segments, cloudwatch:PutMetricData, log deliveries, Session Manager channels, ENIs of VPC
 * Lambda/CodeBuild), so the statements aws-cdk-lib generates for tracing, ECR pulls and VPC access
 * pass. An Allow with NotResource applies to every resource but a few, so it counts as "*"; an
 * Allow with NotAction on "*" is never read-only. A role, user or group is judged on every policy it holds
 * ({@link PrincipalPolicies}), as in iam_no_wildcard_actions.
 */
public final class IamNoWildcardResources extends AbstractRule {
    static final Check CHECK = Check.of("iam_no_wildcard_resources",
            "No IAM policy Allow statement grants non-read-only actions on Resource \"*\"",
            Severity.MEDIUM, "ACCT-002",
            "Name the resource ARNs the actions apply to (arn:aws:s3:::my-bucket/*) instead of \"*\"; keep \"*\" only "
                    + "for List/Get/Describe actions and actions without resource-level permissions. In CDK use grant "
                    + "methods or PolicyStatement.resources with construct ARNs (bucket.arnForObjects(\"*\")).");

    public IamNoWildcardResources() {
        super(CHECK, IamPolicies.POLICY_TYPES);
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        PrincipalPolicies.Holdings held = PrincipalPolicies.of(resource, context);
        List<IamPolicies.NamedPolicy> policies = held.policies();
        if (policies.isEmpty() && held.unknowns().isEmpty()) {
            return Verdict.notApplicable();
        }
        IamPolicies.Review review = new IamPolicies.Review();
        review.unknowns.addAll(held.unknowns());
        review.reviewAllows(policies, context, (policy, s, out) -> {
            List<String> writes = new ArrayList<>(s.actionTexts().stream()
                    .filter(a -> !IamPolicies.starAcceptable(a)).map(a -> "\"" + a + "\"").toList());
            if (!s.notActions().isEmpty()) {
                writes.add("every action except NotAction " + String.join(", ",
                        s.notActions().stream().map(r -> "\"" + r.text() + "\"").toList()));
            }
            boolean unknownActions = !s.unknownActions().isEmpty();
            if (s.allResources()) {
                if (!writes.isEmpty()) {
                    out.offences.add(policy.label() + " " + s.label() + " allows " + IamPolicies.join(writes, 4)
                            + " on " + (s.notResources().isEmpty() ? "Resource \"*\"" : "every resource but its NotResource"));
                } else if (unknownActions) {
                    out.unknowns.add(policy.label() + " " + s.label() + " Action " + String.join(", ", s.unknownActions()));
                }
            } else if (s.resourcesUnknown() && (!writes.isEmpty() || unknownActions)) {
                out.unknowns.add(policy.label() + " " + s.label() + " Resource");
            }
        });
        return review.verdict("wildcard resources: ", () -> {
            long onStar = review.allows.stream().filter(IamPolicies.Stmt::allResources).count();
            return Verdict.pass((onStar == 0 ? "every Allow statement of the " + policies.size() + " polic"
                    + (policies.size() == 1 ? "y" : "ies") + " held names specific resources"
                    : onStar + " statement(s) on Resource \"*\" grant only read-only actions or actions AWS allows only on \"*\"")
                    + held.notReadNote());
        });
    }
}
