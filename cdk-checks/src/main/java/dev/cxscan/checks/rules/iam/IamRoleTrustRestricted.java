package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.PolicyDocument;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ACCT-002: a role's trust policy (AssumeRolePolicyDocument) does not let anyone assume it, and
 * trusts to other accounts carry an sts:ExternalId or aws:PrincipalOrgID condition.
 * <p>
 * Judgment calls, in order:
 * <ul>
 *   <li>Principal "*", {"AWS": "*"} and an Allow with NotPrincipal are public. They pass only when a
 *       condition confines the caller to the organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths)
 *       or to this account (aws:PrincipalAccount equal to AWS::AccountId / the scanned account).
 *       aws:SourceAccount is not accepted: it is set only when a service calls on behalf of a resource,
 *       and the documented pattern for that is a Service principal with aws:SourceAccount.</li>
 *   <li>An AWS principal is in this account when its account is {"Ref": "AWS::AccountId"} (also inside
 *       Fn::Join / Fn::Sub, as aws-cdk-lib writes AccountRootPrincipal), the ARN of a resource of the same
 *       template (Fn::GetAtt), a Fn::ImportValue (exports are per account), or, for live scans, the
 *       account in the role's own ARN. A literal account id in a template is treated as another account:
 *       the template does not say where it is deployed (write AWS::AccountId for the own account).</li>
 *   <li>A cross-account trust is restricted by sts:ExternalId or aws:PrincipalOrgID (or PrincipalOrgPaths)
 *       under a string operator that is not *IfExists and a value other than "*"; a Null or IfExists
 *       test does not require a matching value.</li>
 *   <li>Service, Federated and CanonicalUser principals pass (federation is confined by its provider);
 *       Deny statements are ignored. A principal that cannot be read is reported as unresolved.</li>
 * </ul>
 */
public final class IamRoleTrustRestricted extends AbstractRule {
    static final Check CHECK = Check.of("iam_role_trust_restricted",
            "IAM role trust policies allow no public principal, and cross-account trusts require an external id or organization",
            Severity.HIGH, "ACCT-002",
            "Trust specific principals: service principals, roles of this account, or other accounts with a Condition "
                    + "StringEquals sts:ExternalId (third parties) or aws:PrincipalOrgID (your organization). In CDK: "
                    + "new AccountPrincipal(\"111122223333\").withConditions(Map.of(\"StringEquals\", Map.of(\"sts:ExternalId\", id))) "
                    + "or role.assumeRolePolicy.addStatements(...).");

    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile(
            "arn:(?:\\$\\{AWS::Partition}|[^:]*):(?:iam|sts)::(\\$\\{AWS::AccountId}|[^:]*):.*");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public IamRoleTrustRestricted() {
        super(CHECK, "AWS::IAM::Role");
    }

    @Override
    public Verdict evaluate(Resource role, RuleContext context) {
        JsonNode raw = role.property("AssumeRolePolicyDocument");
        if (Values.isAbsent(raw)) {
            return Verdict.fail("the role has no AssumeRolePolicyDocument");
        }
        Optional<PolicyDocument> doc = PolicyDocument.of(raw);
        if (doc.isEmpty() && Values.isIntrinsic(raw)) {
            doc = PolicyDocument.of(Intrinsics.asText(Intrinsics.render(raw, context)));
        }
        if (doc.isEmpty()) {
            return Verdict.unresolved("AssumeRolePolicyDocument (" + Values.describe(raw) + ")");
        }
        String ownAccount = ownAccount(role).orElse(null);
        List<String> offences = new ArrayList<>();
        List<String> unknowns = new ArrayList<>();
        List<String> trusted = new ArrayList<>();
        int index = 0;
        for (PolicyDocument.Statement s : doc.get().statements()) {
            index++;
            if (!s.allow()) {
                continue;
            }
            String label = s.sid() != null && !s.sid().isBlank() ? "statement '" + s.sid() + "'" : "statement " + index;
            List<Cond> conds = conditions(s.condition(), context);
            if (!Values.isAbsent(s.notPrincipal())) {
                if (!confinedPublic(conds, ownAccount)) {
                    offences.add(label + " allows everyone except its NotPrincipal");
                }
                continue;
            }
            JsonNode principal = s.principal();
            if (Values.isAbsent(principal)) {
                continue;
            }
            if (principal.isTextual() || Values.isIntrinsic(principal)) {
                Intrinsics.Rendered r = Intrinsics.render(principal, context);
                if (r.known() && r.text().equals("*")) {
                    if (!confinedPublic(conds, ownAccount)) {
                        offences.add(label + " allows Principal \"*\" without an organization or account condition");
                    }
                } else {
                    unknowns.add(label + " Principal " + Values.describe(principal));
                }
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> kinds = principal.fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                if (!kind.getKey().equals("AWS")) {
                    trusted.add(kind.getKey());
                    continue;
                }
                for (JsonNode value : Values.list(kind.getValue())) {
                    judgeAws(label, value, conds, ownAccount, context, offences, unknowns, trusted);
                }
            }
        }
        if (!offences.isEmpty()) {
            return Verdict.fail("trust policy: " + IamPolicies.join(offences, 5));
        }
        if (!unknowns.isEmpty()) {
            return Verdict.unresolved("trust policy " + IamPolicies.join(unknowns, 3));
        }
        return Verdict.pass(trusted.isEmpty() ? "the trust policy allows no principal"
                : "trusts " + String.join(", ", trusted.stream().distinct().toList()));
    }

    private void judgeAws(String label, JsonNode value, List<Cond> conds, String ownAccount, RuleContext context,
                          List<String> offences, List<String> unknowns, List<String> trusted) {
        Intrinsics.Rendered r = Intrinsics.render(value, context);
        String text = r.text();
        if (r.known() && text.equals("*")) {
            if (!confinedPublic(conds, ownAccount)) {
                offences.add(label + " allows AWS principal \"*\" without an organization or account condition");
            }
            return;
        }
        if (!r.known()) {
            unknowns.add(label + " AWS principal " + Values.describe(value));
            return;
        }
        String account = accountOf(text);
        if (account == null) {
            if (text.startsWith("${")) {
                trusted.add("a principal of this account (" + text + ")"); // GetAtt / Ref of a template resource, or an import
                return;
            }
            unknowns.add(label + " AWS principal " + text);
            return;
        }
        if (isOwn(account, ownAccount)) {
            trusted.add("this account (" + text + ")");
            return;
        }
        if (restrictsCrossAccount(conds)) {
            trusted.add("account " + account + " with an external id or organization condition");
        } else {
            offences.add(label + " trusts account " + account + " (" + text
                    + ") without an sts:ExternalId or aws:PrincipalOrgID condition");
        }
    }

    /** The account of an AWS principal: a 12-digit id, the account field of an IAM/STS ARN, or null. */
    static String accountOf(String principal) {
        if (ACCOUNT_ID.matcher(principal).matches() || principal.equals(Intrinsics.OWN_ACCOUNT)) {
            return principal;
        }
        Matcher m = ACCOUNT_IN_ARN.matcher(principal);
        if (m.matches()) {
            return m.group(1);
        }
        return null;
    }

    private static boolean isOwn(String account, String ownAccount) {
        return account.equals(Intrinsics.OWN_ACCOUNT) || account.equals(ownAccount);
    }

    /** The scanned account for live roles, from the role's ARN; empty for templates. */
    private static Optional<String> ownAccount(Resource role) {
        String arn = role.location().arn();
        if (arn == null) {
            arn = Values.text(role.property("Arn")).orElse(null);
        }
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ACCOUNT_IN_ARN.matcher(arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** One condition test: operator, lower-cased key, rendered values. */
    record Cond(String operator, String key, List<Intrinsics.Rendered> values) {
        /** A test that requires a specific value: not Null, not *IfExists, no "*" or unknown value. */
        boolean binding() {
            String op = operator.toLowerCase(Locale.ROOT);
            return !op.equals("null") && !op.endsWith("ifexists") && !values.isEmpty()
                    && values.stream().allMatch(v -> v.known() && !v.text().isBlank() && !v.text().equals("*"));
        }
    }

    private static List<Cond> conditions(JsonNode condition, RuleContext context) {
        List<Cond> out = new ArrayList<>();
        if (condition == null || !condition.isObject()) {
            return out;
        }
        condition.fields().forEachRemaining(op -> {
            if (op.getValue().isObject()) {
                op.getValue().fields().forEachRemaining(k -> out.add(new Cond(op.getKey(), k.getKey().toLowerCase(Locale.ROOT),
                        Intrinsics.renderAll(Values.list(k.getValue()), context))));
            }
        });
        return out;
    }

    private static boolean restrictsCrossAccount(List<Cond> conds) {
        return conds.stream().anyMatch(c -> c.binding() && (c.key().equals("sts:externalid")
                || c.key().equals("aws:principalorgid") || c.key().equals("aws:principalorgpaths")));
    }

    private static boolean confinedPublic(List<Cond> conds, String ownAccount) {
        for (Cond c : conds) {
            if (!c.binding()) {
                continue;
            }
            if (c.key().equals("aws:principalorgid") || c.key().equals("aws:principalorgpaths")) {
                return true;
            }
            if (c.key().equals("aws:principalaccount")
                    && c.values().stream().allMatch(v -> isOwn(v.text(), ownAccount))) {
                return true;
            }
        }
        return false;
    }
}
