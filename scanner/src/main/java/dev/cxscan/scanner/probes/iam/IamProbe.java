package dev.cxscan.scanner.probes.iam;

import static dev.cxscan.scanner.probes.ProbeSupport.arr;
import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.policyDocument;
import static dev.cxscan.scanner.probes.ProbeSupport.put;
import static dev.cxscan.scanner.probes.ProbeSupport.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * IAM, read once per account. Entities come from one paginated GetAccountAuthorizationDetails
 * (users, groups, roles and customer-managed policies with their default version; no call per
 * entity) as AWS::IAM::User / Group / Role / ManagedPolicy with URL-decoded documents and
 * ManagedPolicyArns holding every attached policy (AWS-managed ones too) and, for users, Groups holding the
 * names of their groups: the shape the IAM rules follow to judge a principal on what it holds (its attached
 * customer-managed policies, its groups' policies). Facts for the live-only
 * checks: {@value #SUMMARY}, {@value #CREDENTIAL_REPORT} (rows of the CSV as objects, after
 * GenerateCredentialReport and a bounded wait), {@value #PASSWORD_POLICY} (JSON null when none is
 * set: NoSuchEntity is an answer, not an error), {@value #SAML}, {@value #OIDC} and
 * {@value #SSO_INSTANCES} (IAM Identity Center, read in the home region).
 */
public final class IamProbe implements Probe {
    public static final String SUMMARY = "iam:GetAccountSummary";
    /** Written when GetAccountAuthorizationDetails was read in full: {"Users": n, "Groups": n, "Roles": n, "ManagedPolicys": n}. */
    public static final String AUTHORIZATION_DETAILS = "iam:GetAccountAuthorizationDetails";
    public static final String CREDENTIAL_REPORT = "iam:GetCredentialReport";
    public static final String PASSWORD_POLICY = "iam:GetAccountPasswordPolicy";
    public static final String SAML = "iam:ListSAMLProviders";
    public static final String OIDC = "iam:ListOpenIDConnectProviders";
    public static final String SSO_INSTANCES = "sso:ListInstances";

    static final List<String> POLICY_CHECKS = List.of("iam_no_admin_policy", "iam_no_wildcard_actions",
            "iam_no_wildcard_resources", "iam_role_trust_restricted", "iam_admin_not_attached_to_users", "iac_managed_resources");
    static final List<String> SUMMARY_CHECKS = List.of("root_mfa_enabled", "root_no_access_keys");
    static final List<String> REPORT_CHECKS = List.of("root_not_used_recently", "iam_user_console_mfa", "iam_access_keys_rotated");
    static final List<String> FEDERATION_CHECKS = List.of("iam_identity_federation");

    private final Duration reportWait;
    private final Duration reportPoll;

    public IamProbe() {
        this(Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    /** @param reportWait how long to wait for the credential report; @param reportPoll between polls */
    public IamProbe(Duration reportWait, Duration reportPoll) {
        this.reportWait = reportWait;
        this.reportPoll = reportPoll;
    }

    @Override
    public String service() {
        return "iam";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy");
    }

    @Override
    public List<String> iamActions() {
        return List.of("iam:GetAccountAuthorizationDetails", "iam:GetAccountSummary", "iam:GenerateCredentialReport",
                "iam:GetCredentialReport", "iam:GetAccountPasswordPolicy", "iam:ListSAMLProviders",
                "iam:ListOpenIDConnectProviders", "sso:ListInstances");
    }

    @Override
    public void read(ProbeContext context) {
        IamClient iam = context.clients().client(IamClient.class, Region.AWS_GLOBAL);
        LiveInventory inv = context.inventory();
        call(context, "iam:GetAccountAuthorizationDetails", POLICY_CHECKS, () -> {
            GetAccountAuthorizationDetailsRequest req = GetAccountAuthorizationDetailsRequest.builder()
                    .filter(EntityType.USER, EntityType.GROUP, EntityType.ROLE, EntityType.LOCAL_MANAGED_POLICY).build();
            List<Resource> out = new java.util.ArrayList<>();
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(req)) {
                page.userDetailList().forEach(u -> out.add(user(u)));
                page.groupDetailList().forEach(g -> out.add(group(g)));
                page.roleDetailList().forEach(r -> out.add(role(r)));
                page.policies().forEach(p -> out.add(policy(p)));
            }
            return out;
        }).ifPresent(list -> {
            list.forEach(r -> inv.add(LiveInventory.GLOBAL, r));
            ObjectNode counts = obj();
            for (String type : List.of("User", "Group", "Role", "ManagedPolicy")) {
                counts.put(type + "s", list.stream().filter(r -> r.type().equals("AWS::IAM::" + type)).count());
            }
            inv.fact(AUTHORIZATION_DETAILS, counts);
        });

        call(context, "iam:GetAccountSummary", SUMMARY_CHECKS, () -> iam.getAccountSummary().summaryMapAsStrings())
                .ifPresent(map -> {
                    ObjectNode o = obj();
                    map.forEach((k, v) -> o.put(k, v));
                    inv.fact(SUMMARY, o);
                });

        credentialReport(context, iam).ifPresent(report -> inv.fact(CREDENTIAL_REPORT, report));

        try {
            JsonNode policy = ProbeSupport.toJson(iam.getAccountPasswordPolicy().passwordPolicy());
            inv.fact(PASSWORD_POLICY, policy);
        } catch (NoSuchEntityException e) {
            inv.fact(PASSWORD_POLICY, NullNode.getInstance());
        } catch (RuntimeException e) {
            call(context, "iam:GetAccountPasswordPolicy", List.of("iam_password_policy_strong"), () -> {
                throw e;
            });
        }

        call(context, "iam:ListSAMLProviders", FEDERATION_CHECKS, () -> ProbeSupport.toJson(iam.listSAMLProviders().samlProviderList()))
                .ifPresent(v -> inv.fact(SAML, v));
        call(context, "iam:ListOpenIDConnectProviders", FEDERATION_CHECKS,
                () -> ProbeSupport.toJson(iam.listOpenIDConnectProviders().openIDConnectProviderList()))
                .ifPresent(v -> inv.fact(OIDC, v));
        if (context.region() != null) {
            try {
                SsoAdminClient sso = context.clients().client(SsoAdminClient.class, context.region());
                ArrayNode instances = arr();
                sso.listInstancesPaginator(b -> { }).instances().forEach(i -> instances.add(ProbeSupport.toJson(i)));
                inv.fact(SSO_INSTANCES, instances);
            } catch (RuntimeException e) {
                // Identity Center is optional evidence: its absence or a refusal is recorded, the check decides
                inv.error(new ProbeError("sso", "sso:ListInstances", ProbeSupport.errorCode(e), String.valueOf(e.getMessage()),
                        context.region().id(), FEDERATION_CHECKS));
            }
        }
    }

    private static <T> Optional<T> call(ProbeContext c, String action, List<String> checks, Supplier<T> s) {
        return ProbeSupport.call(c, "iam", action, null, checks, s);
    }

    /** GenerateCredentialReport, then GetCredentialReport once it is COMPLETE (bounded wait). */
    private Optional<JsonNode> credentialReport(ProbeContext context, IamClient iam) {
        long deadline = System.nanoTime() + reportWait.toNanos();
        while (true) {
            try {
                ReportStateType state = iam.generateCredentialReport().state();
                if (state == ReportStateType.COMPLETE) {
                    break;
                }
            } catch (RuntimeException e) {
                return call(context, "iam:GenerateCredentialReport", REPORT_CHECKS, () -> {
                    throw e;
                });
            }
            if (System.nanoTime() > deadline) {
                context.inventory().error(new ProbeError("iam", "iam:GenerateCredentialReport", "ReportNotReady",
                        "the credential report was not ready after " + reportWait.toSeconds() + " s", null, REPORT_CHECKS));
                return Optional.empty();
            }
            try {
                Thread.sleep(reportPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return call(context, "iam:GetCredentialReport", REPORT_CHECKS, () -> {
            GetCredentialReportResponse r = iam.getCredentialReport();
            ObjectNode report = obj();
            put(report, "GeneratedTime", r.generatedTime());
            report.set("Rows", CredentialReport.parse(r.content().asUtf8String()));
            return report;
        });
    }

    static Resource user(UserDetail u) {
        ObjectNode p = obj();
        p.put("UserName", u.userName());
        put(p, "Path", u.path());
        p.set("Groups", ProbeSupport.strings(u.groupList()));
        p.set("Policies", inline(u.userPolicyList()));
        p.set("ManagedPolicyArns", arns(u.attachedManagedPolicies()));
        p.set("Tags", tags(u.tags(), t -> t.key(), t -> t.value()));
        return Resource.live("AWS::IAM::User", u.userName(), u.arn(), null, p);
    }

    static Resource group(GroupDetail g) {
        ObjectNode p = obj();
        p.put("GroupName", g.groupName());
        put(p, "Path", g.path());
        p.set("Policies", inline(g.groupPolicyList()));
        p.set("ManagedPolicyArns", arns(g.attachedManagedPolicies()));
        return Resource.live("AWS::IAM::Group", g.groupName(), g.arn(), null, p);
    }

    static Resource role(RoleDetail r) {
        ObjectNode p = obj();
        p.put("RoleName", r.roleName());
        put(p, "Path", r.path());
        put(p, "Arn", r.arn());
        p.set("AssumeRolePolicyDocument", policyDocument(r.assumeRolePolicyDocument()));
        p.set("Policies", inline(r.rolePolicyList()));
        p.set("ManagedPolicyArns", arns(r.attachedManagedPolicies()));
        p.set("Tags", tags(r.tags(), t -> t.key(), t -> t.value()));
        if (r.roleLastUsed() != null && r.roleLastUsed().lastUsedDate() != null) {
            put(p, "RoleLastUsed", r.roleLastUsed().lastUsedDate());
        }
        return Resource.live("AWS::IAM::Role", r.roleName(), r.arn(), null, p);
    }

    static Resource policy(ManagedPolicyDetail m) {
        ObjectNode p = obj();
        // PolicyName is always in AWS answers; emulators may leave it out: the ARN ends with it
        String name = m.policyName() != null ? m.policyName() : m.arn().substring(m.arn().lastIndexOf('/') + 1);
        p.put("ManagedPolicyName", name);
        put(p, "Path", m.path());
        put(p, "AttachmentCount", m.attachmentCount());
        for (PolicyVersion v : m.policyVersionList()) {
            if (Boolean.TRUE.equals(v.isDefaultVersion()) || v.versionId().equals(m.defaultVersionId())) {
                p.set("PolicyDocument", policyDocument(v.document()));
                break;
            }
        }
        return Resource.live("AWS::IAM::ManagedPolicy", name, m.arn(), null, p);
    }

    private static ArrayNode inline(List<PolicyDetail> policies) {
        ArrayNode a = arr();
        for (PolicyDetail d : policies) {
            ObjectNode o = a.addObject();
            o.put("PolicyName", d.policyName());
            o.set("PolicyDocument", policyDocument(d.policyDocument()));
        }
        return a;
    }

    private static ArrayNode arns(List<AttachedPolicy> attached) {
        ArrayNode a = arr();
        attached.forEach(p -> a.add(p.policyArn()));
        return a;
    }
}
