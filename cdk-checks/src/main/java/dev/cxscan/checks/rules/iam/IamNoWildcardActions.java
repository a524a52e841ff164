package dev.cxscan.checks.rules.iam;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.List;

/**
 * ACCT-002: no Allow statement of a customer-managed or inline identity policy uses Action "*" or
 * "service:*" (e.g. "s3:*"); an Allow with NotAction grants everything but the listed actions, so it
 * counts as a wildcard. Partial patterns such as "s3:Get*" are not flagged (the catalog names only
 * "*" and "service:*"). Role trust policies are not judged here (iam_role_trust_restricted covers
 * who may assume a role). A role, user or group is judged on every policy it holds
 * ({@link PrincipalPolicies}: attached customer-managed and standalone policies, a user's groups), as the
 * CHECKS.md row of iam_no_admin_policy reads "policy (users, groups, roles ...)": a principal's PASS means
 * none of its permissions come from a wildcard statement. Resources without any policy document (a role
 * with only AWS-managed policies attached) get no finding: AWS-managed policy contents are not visible in a
 * template, and live only customer-managed policies are read.
 */
public final class IamNoWildcardActions extends AbstractRule {
    static final Check CHECK = Check.of("iam_no_wildcard_actions",
            "No IAM policy Allow statement uses Action \"*\", \"service:*\" or NotAction",
            Severity.HIGH, "ACCT-002",
            "List the specific actions the workload calls (\"s3:GetObject\", \"s3:PutObject\") instead of \"*\" or "
                    + "\"s3:*\", and replace Allow+NotAction with an explicit Action list; in CDK prefer grant methods "
                    + "(table.grantReadWriteData(fn)) which emit scoped actions.");

    public IamNoWildcardActions() {
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
            List<String> wild = s.actionTexts().stream().filter(IamPolicies::isWildcardAction).map(a -> "\"" + a + "\"").toList();
            if (!wild.isEmpty()) {
                out.offences.add(policy.label() + " " + s.label() + " allows " + String.join(", ", wild));
            } else if (!s.notActions().isEmpty()) {
                List<String> except = s.notActions().stream().map(r -> "\"" + r.text() + "\"").toList();
                out.offences.add(policy.label() + " " + s.label() + " allows every action except NotAction " + String.join(", ", except));
            } else if (!s.unknownActions().isEmpty()) {
                out.unknowns.add(policy.label() + " " + s.label() + " Action " + String.join(", ", s.unknownActions()));
            }
        });
        return review.verdict("wildcard actions: ", () -> Verdict.pass(review.allows.size() + " Allow statement(s) in "
                + policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies") + " held name specific actions" + held.notReadNote()));
    }
}
