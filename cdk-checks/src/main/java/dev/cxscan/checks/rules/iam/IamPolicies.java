package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.PolicyDocument;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The identity policies a resource carries (inline Policies of roles, users and groups; the
 * PolicyDocument of AWS::IAM::Policy / ManagedPolicy / RolePolicy / UserPolicy / GroupPolicy), read
 * from template shape or live shape (documents as JSON objects, JSON strings or URL-encoded JSON),
 * and the action / resource classification the IAM rules share.
 */
final class IamPolicies {
    /** Resource types that carry identity policies. */
    static final String[] POLICY_TYPES = {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group",
        "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy",
        "AWS::IAM::GroupPolicy"};

    private static final Set<String> WITH_INLINE_LIST = Set.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group");

    private IamPolicies() {
    }

    /**
     * One policy of a resource.
     *
     * @param label      how messages name it: "inline policy 'root'", "policy 'AdminPolicy'"
     * @param document   the parsed document; empty when it could not be read
     * @param unreadable what could not be read (when document is empty)
     */
    record NamedPolicy(String label, Optional<PolicyDocument> document, String unreadable) {
    }

    /** A statement with its values rendered. */
    record Stmt(String label, boolean allow, List<Intrinsics.Rendered> actions, List<Intrinsics.Rendered> notActions,
                List<Intrinsics.Rendered> resources, List<Intrinsics.Rendered> notResources) {

        /** True when the statement applies to every resource: Resource "*" or an Allow with NotResource (all but some). */
        boolean allResources() {
            return resources.stream().anyMatch(r -> r.known() && r.text().equals("*"))
                    || (!notResources.isEmpty() && notResources.stream().noneMatch(r -> r.known() && r.text().equals("*")));
        }

        /** True when a Resource value is wholly unknown (a parameter without default), so it might be "*". */
        boolean resourcesUnknown() {
            return resources.stream().anyMatch(IamPolicies::whollyUnknown) || notResources.stream().anyMatch(IamPolicies::whollyUnknown);
        }

        List<String> actionTexts() {
            return actions.stream().filter(Intrinsics.Rendered::known).map(Intrinsics.Rendered::text).toList();
        }

        List<String> unknownActions() {
            List<String> out = new ArrayList<>();
            actions.stream().filter(r -> !r.known()).forEach(r -> out.addAll(r.unknowns()));
            notActions.stream().filter(r -> !r.known()).forEach(r -> out.addAll(r.unknowns()));
            return out;
        }
    }

    /** All identity policies of the resource; empty when it declares none. */
    static List<NamedPolicy> policies(Resource resource, RuleContext context) {
        List<NamedPolicy> out = new ArrayList<>();
        if (WITH_INLINE_LIST.contains(resource.type())) {
            JsonNode list = resource.property("Policies");
            if (Values.isIntrinsic(list)) {
                out.add(new NamedPolicy("inline Policies", Optional.empty(), "Policies (" + Values.describe(list) + ")"));
                return out;
            }
            int index = 0;
            for (JsonNode p : Values.list(list)) {
                index++;
                String name = Values.text(p.path("PolicyName")).orElse(null);
                String label = "inline policy '" + (name != null ? name : "#" + index) + "'";
                out.add(read(label, p.path("PolicyDocument"), context));
            }
            return out;
        }
        if (!resource.has("PolicyDocument")) {
            return out;
        }
        String name = Values.text(resource.property("ManagedPolicyName"))
                .or(() -> Values.text(resource.property("PolicyName"))).orElse(resource.id());
        String kind = resource.type().equals("AWS::IAM::ManagedPolicy") ? "managed policy" : "policy";
        out.add(read(kind + " '" + name + "'", resource.property("PolicyDocument"), context));
        return out;
    }

    private static NamedPolicy read(String label, JsonNode raw, RuleContext context) {
        Optional<PolicyDocument> doc = PolicyDocument.of(raw);
        if (doc.isEmpty() && Values.isIntrinsic(raw)) {
            // a document written as Fn::Sub / Fn::Join of a JSON string
            Intrinsics.Rendered r = Intrinsics.render(raw, context);
            doc = PolicyDocument.of(Intrinsics.asText(r));
        }
        if (doc.isEmpty()) {
            return new NamedPolicy(label, doc, label + " PolicyDocument (" + Values.describe(raw) + ")");
        }
        return new NamedPolicy(label, doc, null);
    }

    /** The statements of a document with their values rendered, labelled "statement 1" or by Sid. */
    static List<Stmt> statements(NamedPolicy policy, RuleContext context) {
        List<Stmt> out = new ArrayList<>();
        List<PolicyDocument.Statement> statements = policy.document().map(PolicyDocument::statements).orElse(List.of());
        int index = 0;
        for (PolicyDocument.Statement s : statements) {
            index++;
            String label = s.sid() != null && !s.sid().isBlank() ? "statement '" + s.sid() + "'" : "statement " + index;
            Function<List<JsonNode>, List<Intrinsics.Rendered>> r = nodes -> Intrinsics.renderAll(nodes, context);
            out.add(new Stmt(label, s.allow(), r.apply(s.actions()), r.apply(s.notActions()), r.apply(s.resources()),
                    r.apply(s.notResources())));
        }
        return out;
    }

    /** Judges one Allow statement of a policy, adding to the review's offences or unknowns. */
    @FunctionalInterface
    interface AllowCheck {
        void judge(NamedPolicy policy, Stmt allow, Review review);
    }

    /**
     * What the IAM rules found in a resource's policies: offences (a FAIL), unknowns (unresolved) and
     * the statements read. The rules share the walk ({@link #reviewAllows}) and the verdict order.
     */
    static final class Review {
        final List<String> offences = new ArrayList<>();
        final List<String> unknowns = new ArrayList<>();
        final List<Stmt> allows = new ArrayList<>();
        int statements;

        /**
         * Every statement of {@code policies} is counted, every Allow statement is judged by
         * {@code check}; a document that cannot be read is an unknown.
         */
        Review reviewAllows(List<NamedPolicy> policies, RuleContext context, AllowCheck check) {
            for (NamedPolicy policy : policies) {
                if (policy.document().isEmpty()) {
                    unknowns.add(policy.unreadable());
                    continue;
                }
                for (Stmt s : statements(policy, context)) {
                    statements++;
                    if (s.allow()) {
                        allows.add(s);
                        check.judge(policy, s, this);
                    }
                }
            }
            return this;
        }

        /** FAIL naming the offences, else unresolved naming the unknowns, else {@code otherwise}. */
        Verdict verdict(String failPrefix, Supplier<Verdict> otherwise) {
            if (!offences.isEmpty()) {
                return Verdict.fail(failPrefix + join(offences, 5));
            }
            if (!unknowns.isEmpty()) {
                return Verdict.unresolved(join(unknowns, 3));
            }
            return otherwise.get();
        }
    }

    /** An unknown value with no literal text around its placeholders (it could be anything, "*" included). */
    static boolean onlyPlaceholders(String text) {
        return text.replaceAll("\\$\\{[^}]*}", "").isEmpty();
    }

    static boolean whollyUnknown(Intrinsics.Rendered r) {
        return !r.known() && onlyPlaceholders(r.text());
    }

    /** "*" (or "*:*"): every action of every service. */
    static boolean isAllActions(String action) {
        String a = action.trim();
        return a.equals("*") || a.equals("*:*");
    }

    /** "*", "service:*" or "*:name": all actions of a service or of every service. */
    static boolean isWildcardAction(String action) {
        String a = action.trim();
        if (isAllActions(a)) {
            return true;
        }
        int colon = a.indexOf(':');
        return colon > 0 && (a.substring(colon + 1).equals("*") || a.substring(0, colon).equals("*"));
    }

    /**
     * Read-only: the action name (after "service:") starts with List, Get or Describe (IAM action
     * names are case-insensitive; a pattern such as "s3:Get*" counts by its literal prefix), or is one
     * of a few read actions with another verb that AWS only grants on "*".
     */
    static boolean isReadOnly(String action) {
        String a = action.trim().toLowerCase(Locale.ROOT);
        int colon = a.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = a.substring(colon + 1);
        if (READ_ONLY_OTHER.contains(a)) {
            return true;
        }
        return name.startsWith("list") || name.startsWith("get") || name.startsWith("describe");
    }

    /** Read actions without a List/Get/Describe verb that support no resource-level permissions. */
    private static final Set<String> READ_ONLY_OTHER = Set.of(
            "xray:batchgettraces",            // X-Ray: no resource types; reads traces
            "sts:decodeauthorizationmessage"); // STS: no resource types; decodes an error message

    /**
     * Write actions that the AWS Service Authorization Reference lists without any resource type
     * (so a policy can only grant them on "*"), or whose resources are created by AWS at run time
     * so that AWS's own managed policies and aws-cdk-lib grant them on "*". Granting these on "*" is
     * not a wildcard-resource finding.
     */
    static final Set<String> STAR_ONLY_WRITES = Set.of(
            // X-Ray: PutTraceSegments / PutTelemetryRecords have no resource types (aws-cdk-lib adds them
            // for Lambda and Step Functions tracing).
            "xray:puttracesegments", "xray:puttelemetryrecords",
            // CloudWatch: PutMetricData has no resource types (scoped with the cloudwatch:namespace key).
            "cloudwatch:putmetricdata",
            // ECR: GetAuthorizationToken has no resource types (it is a Get, listed for clarity).
            "ecr:getauthorizationtoken",
            // ECS agent: DiscoverPollEndpoint has no resource types (aws-cdk-lib's cluster capacity role).
            "ecs:discoverpollendpoint",
            // Session Manager channels (ECS Exec, SSM agent): no resource types.
            "ssmmessages:createcontrolchannel", "ssmmessages:createdatachannel",
            "ssmmessages:opencontrolchannel", "ssmmessages:opendatachannel",
            // CloudWatch Logs vended-log deliveries and resource policies: no resource types
            // (aws-cdk-lib adds them for Step Functions and API Gateway logging).
            "logs:createlogdelivery", "logs:updatelogdelivery", "logs:deletelogdelivery",
            "logs:putresourcepolicy", "logs:deleteresourcepolicy",
            // Elastic network interfaces for Lambda / CodeBuild in a VPC: the service creates the ENIs at
            // run time, so their ids cannot be named; AWS's AWSLambdaVPCAccessExecutionRole and
            // aws-cdk-lib's CodeBuild VPC policy grant these on "*".
            "ec2:createnetworkinterface", "ec2:deletenetworkinterface",
            "ec2:assignprivateipaddresses", "ec2:unassignprivateipaddresses");

    /** True when the action may legitimately be granted on Resource "*": read-only or star-only. */
    static boolean starAcceptable(String action) {
        return isReadOnly(action) || STAR_ONLY_WRITES.contains(action.trim().toLowerCase(Locale.ROOT));
    }

    /** Joins up to {@code max} items for a message, with "and N more". */
    static String join(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join("; ", items);
        }
        return String.join("; ", items.subList(0, max)) + "; and " + (items.size() - max) + " more";
    }
}
