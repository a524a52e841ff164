package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.regex.Pattern;

/**
 * ACCT-002: no customer-managed or inline policy allows Action "*" on Resource "*", and no role, user
 * or group attaches the AWS-managed AdministratorAccess policy. Covers the inline Policies of roles,
 * users and groups and AWS::IAM::Policy / ManagedPolicy / RolePolicy / UserPolicy / GroupPolicy.
 * <p>
 * Judgment calls: an Allow with Action "*" and a NotResource that does not exclude "*" is all actions
 * on all but a few resources, so it counts as admin. Allow NotAction statements are not admin here
 * (they fail iam_no_wildcard_actions). The AdministratorAccess ARN is recognized in any partition, as a
 * literal or built with Fn::Join / Fn::Sub and AWS::Partition (as aws-cdk-lib writes it); a managed
 * policy ARN that cannot be read (a parameter without default, Fn::ImportValue of an unknown export)
 * is reported as unresolved, since it could be AdministratorAccess.
 */
public final class IamNoAdminPolicy extends AbstractRule {
    static final Check CHECK = Check.of("iam_no_admin_policy",
            "No customer-managed or inline IAM policy allows Action \"*\" on Resource \"*\", and AdministratorAccess is not attached",
            Severity.CRITICAL, "ACCT-002",
            "Grant only the actions and resources the workload needs instead of \"*\" on \"*\", and do not attach "
                    + "AdministratorAccess; in CDK use grant methods (bucket.grantRead(role)) or PolicyStatements naming "
                    + "specific actions and resource ARNs instead of ManagedPolicy.fromAwsManagedPolicyName(\"AdministratorAccess\").");

    /** arn:&lt;partition&gt;:iam::aws:policy/AdministratorAccess, partition literal or ${AWS::Partition}. */
    static final Pattern ADMIN_ARN = Pattern.compile("arn:(aws[a-z-]*|\\$\\{AWS::Partition})"
            + ":iam::aws:policy/AdministratorAccess");

    public IamNoAdminPolicy() {
        super(CHECK, IamPolicies.POLICY_TYPES);
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        PrincipalPolicies.Holdings held = PrincipalPolicies.of(resource, context);
        IamPolicies.Review review = new IamPolicies.Review();
        review.unknowns.addAll(held.unknowns());
        for (PrincipalPolicies.AttachedArn attached : held.arns()) {
            JsonNode arn = attached.value();
            if (attached.wholeList()) {
                review.unknowns.add(attached.via() + "ManagedPolicyArns (" + Values.describe(arn) + ")");
                continue;
            }
            Intrinsics.Rendered r = Intrinsics.render(arn, context);
            if (ADMIN_ARN.matcher(r.text()).matches()) {
                review.offences.add(attached.via() + "attaches the AWS-managed AdministratorAccess policy (" + shown(arn, r) + ")");
            } else if (!r.known() && mightBeAdmin(r.text())) {
                review.unknowns.add(attached.via() + "managed policy ARN " + Values.describe(arn));
            }
        }
        review.reviewAllows(held.policies(), context, (policy, s, out) -> {
            boolean allActions = s.actionTexts().stream().anyMatch(IamPolicies::isAllActions);
            if (allActions && s.allResources()) {
                out.offences.add(policy.label() + " " + s.label() + " allows Action \"*\" on "
                        + (s.notResources().isEmpty() ? "Resource \"*\"" : "every resource but its NotResource"));
            } else if (allActions && s.resourcesUnknown()) {
                out.unknowns.add(policy.label() + " " + s.label() + " Resource allowing Action \"*\"");
            } else if (!s.unknownActions().isEmpty() && (s.allResources() || s.resourcesUnknown())) {
                out.unknowns.add(policy.label() + " " + s.label() + " Action " + String.join(", ", s.unknownActions()));
            }
        });
        int policies = held.policies().size();
        return review.verdict("administrator access: ", () -> !held.isEmpty()
                ? Verdict.pass("no statement allows \"*\" on \"*\" (" + review.statements + " statement(s) read in " + policies
                        + " polic" + (policies == 1 ? "y" : "ies") + " held) and AdministratorAccess is not attached"
                        + held.notReadNote())
                : Verdict.notApplicable());
    }

    private static final Pattern POLICY_ARN = Pattern.compile(
            "arn:(?:\\$\\{AWS::Partition}|[^:]*):iam::(\\$\\{AWS::AccountId}|[^:]*):policy/(.*)");

    /** For an ARN with unknown parts: could it still be AdministratorAccess? */
    static boolean mightBeAdmin(String text) {
        java.util.regex.Matcher m = POLICY_ARN.matcher(text);
        if (!m.matches()) {
            return true;
        }
        String account = m.group(1);
        String name = m.group(2);
        boolean nameOpen = name.contains("${?") || name.endsWith("AdministratorAccess");
        boolean accountOpen = account.equals("aws") || account.contains("${?");
        return nameOpen && accountOpen;
    }

    private static String shown(JsonNode arn, Intrinsics.Rendered r) {
        return arn.isTextual() ? arn.textValue() : Values.describe(arn) + " rendering " + r.text();
    }
}
