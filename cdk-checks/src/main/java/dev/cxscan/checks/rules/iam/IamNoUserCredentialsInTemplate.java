package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * ACCT-002 (templates only): the template declares no long-term IAM user credentials: no
 * AWS::IAM::AccessKey (its secret ends up in stack outputs or in whatever reads the GetAtt), and no
 * LoginProfile whose Password is written in the template.
 * <p>
 * A password passes when it comes from a dynamic reference ({{resolve:secretsmanager:...}},
 * {{resolve:ssm-secure:...}}), possibly inside Fn::Join / Fn::Sub as aws-cdk-lib writes
 * SecretValue.secretsManager, or from a Ref to a parameter without default (the engine has already
 * replaced a Ref to a parameter with a Default by that default, which then fails as a literal). The
 * rule cannot see whether that parameter is NoEcho, so the PASS message asks for it. A password built
 * from literal text and unknown parts is reported as unresolved. Live scans: not applicable (access
 * keys of live users are judged by iam_access_keys_rotated).
 */
public final class IamNoUserCredentialsInTemplate extends AbstractRule {
    static final Check CHECK = Check.of("iam_no_user_credentials_in_template",
            "The template declares no IAM access key and no login profile with a literal password",
            Severity.HIGH, "ACCT-002",
            "Remove AWS::IAM::AccessKey resources (use roles, IAM Identity Center or federation; if a key is "
                    + "unavoidable, create it outside CloudFormation and store it in Secrets Manager), and take "
                    + "LoginProfile passwords from Secrets Manager: in CDK new User(this, id, UserProps.builder()"
                    + ".password(secret.getSecretValue())...).");

    public IamNoUserCredentialsInTemplate() {
        super(CHECK, "AWS::IAM::AccessKey", "AWS::IAM::User");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (context.isLive()) {
            return Verdict.notApplicable();
        }
        if (resource.type().equals("AWS::IAM::AccessKey")) {
            JsonNode user = resource.property("UserName");
            String status = Values.text(resource.property("Status")).orElse("Active");
            return Verdict.fail("declares a long-term access key (" + status + ") for user "
                    + Values.describe(user) + "; its secret is readable by anyone who can read the stack's outputs or GetAtt");
        }
        if (!resource.has("LoginProfile")) {
            return Verdict.pass("no LoginProfile: the user has no console password");
        }
        JsonNode password = resource.property("LoginProfile", "Password");
        if (Values.isAbsent(password)) {
            return Verdict.pass("LoginProfile without a Password value");
        }
        if (Values.isIntrinsic(password) && password.has("Ref")) {
            String name = password.get("Ref").asText();
            if (name.startsWith("AWS::")) {
                return Verdict.fail("LoginProfile.Password is the pseudo parameter " + name);
            }
            if (context.resolveReference(password).isPresent()) {
                return Verdict.pass("LoginProfile.Password comes from resource " + name + ", not a literal");
            }
            return Verdict.pass("LoginProfile.Password is supplied at deploy time through parameter " + name
                    + " (no default in the template); declare it NoEcho");
        }
        if (Values.isIntrinsic(password) && password.has("Fn::GetAtt")) {
            return Verdict.pass("LoginProfile.Password comes from " + Values.describe(password) + ", not a literal");
        }
        Intrinsics.Rendered r = Intrinsics.render(password, context);
        String text = r.text();
        if (text.contains("{{resolve:secretsmanager:") || text.contains("{{resolve:ssm-secure:")) {
            return Verdict.pass("LoginProfile.Password is a dynamic reference ("
                    + (text.contains("secretsmanager") ? "Secrets Manager" : "SSM SecureString") + ")");
        }
        if (text.contains("{{resolve:ssm:")) {
            return Verdict.pass("LoginProfile.Password is resolved from an SSM parameter (not a literal; prefer "
                    + "ssm-secure or Secrets Manager, a String parameter is not encrypted)");
        }
        if (r.literal() || password.isTextual()) {
            return Verdict.fail("LoginProfile.Password is a literal string written in the template");
        }
        if (!r.known() && IamPolicies.onlyPlaceholders(text)) {
            return Verdict.pass("LoginProfile.Password is supplied at deploy time (" + String.join(", ", r.unknowns())
                    + ", no literal text); declare the parameter NoEcho");
        }
        if (r.known()) {
            return Verdict.fail("LoginProfile.Password is built from literal text (" + Values.describe(password) + ")");
        }
        return Verdict.unresolved("LoginProfile.Password (" + Values.describe(password) + ", literal text mixed with "
                + String.join(", ", r.unknowns()) + ")");
    }
}
