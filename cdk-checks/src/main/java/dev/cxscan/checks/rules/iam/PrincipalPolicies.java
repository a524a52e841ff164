package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an IAM principal (role, user, group) holds, so that its verdict covers every policy that gives it
 * permissions, not only the ones written inside it:
 * <ul>
 *   <li>its own inline Policies;</li>
 *   <li>the customer-managed policies of the same scope its ManagedPolicyArns name (templates: a Ref, GetAtt or
 *       Fn::Sub of an AWS::IAM::ManagedPolicy; live: the policy's ARN);</li>
 *   <li>the AWS::IAM::Policy / ManagedPolicy / RolePolicy / UserPolicy / GroupPolicy resources that name it in
 *       their Roles / Users / Groups (or RoleName / UserName / GroupName), by Ref or by its literal name;</li>
 *   <li>for a user: the same for each group it is in (its Groups property, live from GetAccountAuthorizationDetails,
 *       and AWS::IAM::UserToGroupAddition in templates).</li>
 * </ul>
 * The ManagedPolicyArns entries that are not policies of the scope (AWS-managed ones, ARNs from parameters or of
 * another stack) are handed back as {@link AttachedArn}s: only iam_no_admin_policy can say something about them.
 * Live, a customer-managed policy ARN or a group missing from the authorization details is an unknown (the
 * details list them all, so something was not read); in templates a group outside the template is noted as not
 * read, as its policies are not visible there. Non-principal resources hold just their own document.
 */
final class PrincipalPolicies {
    private static final String ROLE = "AWS::IAM::Role";
    private static final String USER = "AWS::IAM::User";
    private static final String GROUP = "AWS::IAM::Group";
    private static final String MANAGED_POLICY = "AWS::IAM::ManagedPolicy";

    /** Resource types that attach policies to principals, with the properties naming them (list, single name). */
    private static final Map<String, Map<String, String>> ATTACHERS = Map.of(
            "AWS::IAM::Policy", Map.of(ROLE, "Roles", USER, "Users", GROUP, "Groups"),
            MANAGED_POLICY, Map.of(ROLE, "Roles", USER, "Users", GROUP, "Groups"),
            "AWS::IAM::RolePolicy", Map.of(ROLE, "RoleName"),
            "AWS::IAM::UserPolicy", Map.of(USER, "UserName"),
            "AWS::IAM::GroupPolicy", Map.of(GROUP, "GroupName"));

    private static final Map<String, String> NAME_PROPERTY = Map.of(ROLE, "RoleName", USER, "UserName", GROUP, "GroupName");

    private PrincipalPolicies() {
    }

    /**
     * A ManagedPolicyArns value that is not a policy of the scope.
     *
     * @param via       "" for the principal's own, "through group 'admins': " for a group's
     * @param value     one entry, or the whole list when it is an intrinsic ({@code wholeList})
     * @param wholeList true when ManagedPolicyArns itself is an intrinsic (a parameter, Fn::If ...)
     */
    record AttachedArn(String via, JsonNode value, boolean wholeList) {
    }

    /**
     * @param policies the documents the principal holds, labelled with how it holds them
     * @param arns     ManagedPolicyArns entries that are not policies of the scope
     * @param unknowns what should have been in the scope and was not (live only)
     * @param notRead  what is outside the scope and so was not read (templates: groups of another stack)
     */
    record Holdings(List<IamPolicies.NamedPolicy> policies, List<AttachedArn> arns, List<String> unknowns,
                    List<String> notRead) {

        boolean isEmpty() {
            return policies.isEmpty() && arns.isEmpty() && unknowns.isEmpty();
        }

        /** "" or "; not read: group 'ops' (not in this template)", for PASS messages. */
        String notReadNote() {
            return notRead.isEmpty() ? "" : "; not read: " + IamPolicies.join(notRead, 3);
        }
    }

    static Holdings of(Resource resource, RuleContext context) {
        Holdings out = new Holdings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (!NAME_PROPERTY.containsKey(resource.type())) {
            out.policies().addAll(IamPolicies.policies(resource, context));
            return out;
        }
        Set<String> held = new HashSet<>();
        collect(resource, "", context, out, held);
        if (resource.type().equals(USER)) {
            for (Resource group : groups(resource, context, out)) {
                String groupName = Optional.ofNullable(name(group, context)).orElse(group.id());
                collect(group, "through group '" + groupName + "': ", context, out, held);
            }
        }
        return out;
    }

    /** A principal's own inline policies, its attached policies of the scope and the policies naming it. */
    private static void collect(Resource principal, String via, RuleContext context, Holdings out, Set<String> held) {
        for (IamPolicies.NamedPolicy p : IamPolicies.policies(principal, context)) {
            out.policies().add(relabel(p, via, ""));
        }
        JsonNode arns = principal.property("ManagedPolicyArns");
        if (Values.isIntrinsic(arns)) {
            out.arns().add(new AttachedArn(via, arns, true));
        } else {
            for (JsonNode arn : Values.list(arns)) {
                Optional<Resource> policy = scopePolicy(arn, context);
                if (policy.isPresent()) {
                    hold(policy.get(), via, "attached ", context, out, held);
                } else {
                    out.arns().add(new AttachedArn(via, arn, false));
                    if (context.isLive() && isCustomerManaged(arn)) {
                        out.unknowns().add(via + "attached policy " + arn.asText()
                                + " is not among the customer-managed policies read");
                    }
                }
            }
        }
        if (context.isLive()) {
            // live attachments are all in the principal's ManagedPolicyArns (the probe's policies carry no Roles/Users)
            return;
        }
        for (Map.Entry<String, Map<String, String>> attacher : ATTACHERS.entrySet()) {
            String property = attacher.getValue().get(principal.type());
            if (property == null) {
                continue;
            }
            for (Resource policy : context.resourcesOfType(attacher.getKey())) {
                if (names(policy.property(property), principal, context)) {
                    hold(policy, via, "", context, out, held);
                }
            }
        }
    }

    private static void hold(Resource policy, String via, String verb, RuleContext context, Holdings out, Set<String> held) {
        if (!held.add(via + key(policy))) {
            return;
        }
        String where = context.isLive() && policy.location().arn() != null ? policy.location().arn() : policy.id();
        for (IamPolicies.NamedPolicy p : IamPolicies.policies(policy, context)) {
            out.policies().add(relabel(p, via + verb, " (" + where + ")"));
        }
    }

    private static IamPolicies.NamedPolicy relabel(IamPolicies.NamedPolicy p, String prefix, String suffix) {
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return p;
        }
        String label = prefix + p.label() + suffix;
        return new IamPolicies.NamedPolicy(label, p.document(), p.unreadable() == null ? null : prefix + p.unreadable());
    }

    /** The groups a user is in: its Groups property and (templates) UserToGroupAddition resources naming it. */
    private static List<Resource> groups(Resource user, RuleContext context, Holdings out) {
        List<JsonNode> names = new ArrayList<>();
        JsonNode list = user.property("Groups");
        if (Values.isIntrinsic(list)) {
            out.notRead().add("Groups (" + Values.describe(list) + ")");
        } else {
            names.addAll(Values.list(list));
        }
        for (Resource addition : context.resourcesOfType("AWS::IAM::UserToGroupAddition")) {
            if (names(addition.property("Users"), user, context)) {
                names.add(addition.property("GroupName"));
            }
        }
        List<Resource> found = new ArrayList<>();
        for (JsonNode n : names) {
            Optional<Resource> group = find(n, GROUP, context);
            if (group.isPresent()) {
                if (found.stream().noneMatch(g -> key(g).equals(key(group.get())))) {
                    found.add(group.get());
                }
            } else if (context.isLive()) {
                out.unknowns().add("group '" + n.asText() + "' is not among the groups read");
            } else {
                out.notRead().add("group " + (n.isTextual() ? "'" + n.textValue() + "'" : Values.describe(n))
                        + " (not in this template)");
            }
        }
        return found;
    }

    /** True when {@code value} (a name, a list of names, a Ref) names {@code principal}. */
    private static boolean names(JsonNode value, Resource principal, RuleContext context) {
        if (Values.isAbsent(value)) {
            return false;
        }
        List<JsonNode> entries = value.isArray() ? Values.list(value) : List.of(value);
        for (JsonNode entry : entries) {
            Optional<Resource> r = find(entry, principal.type(), context);
            if (r.isPresent() && key(r.get()).equals(key(principal))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The principal of {@code type} a name or reference points at: in templates a Ref / GetAtt / Sub of it or its
     * literal RoleName / UserName / GroupName; live its name.
     */
    private static Optional<Resource> find(JsonNode value, String type, RuleContext context) {
        if (Values.isIntrinsic(value)) {
            return context.isLive() ? Optional.empty()
                    : context.resolveReference(value).filter(r -> r.type().equals(type));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue();
        return context.resourcesOfType(type).stream().filter(r -> text.equals(name(r, context))).findFirst();
    }

    /** A customer-managed policy of the scope a ManagedPolicyArns entry points at. */
    private static Optional<Resource> scopePolicy(JsonNode arn, RuleContext context) {
        if (context.isLive()) {
            if (!arn.isTextual()) {
                return Optional.empty();
            }
            // resolveReference answers an exact ARN first; the type and ARN filters drop its name fallbacks
            return context.resolveReference(arn)
                    .filter(r -> r.type().equals(MANAGED_POLICY) && arn.textValue().equals(r.location().arn()));
        }
        return Values.isIntrinsic(arn) ? context.resolveReference(arn).filter(r -> r.type().equals(MANAGED_POLICY))
                : Optional.empty();
    }

    /** arn:partition:iam::ACCOUNT:policy/... with an account that is not "aws". */
    private static boolean isCustomerManaged(JsonNode arn) {
        String[] parts = arn.asText().split(":", 6);
        return parts.length == 6 && parts[2].equals("iam") && !parts[4].equals("aws") && parts[5].startsWith("policy/");
    }

    /** The principal's name: its RoleName / UserName / GroupName literal, or (live) its id. */
    static String name(Resource principal, RuleContext context) {
        String property = NAME_PROPERTY.get(principal.type());
        Optional<String> literal = property == null ? Optional.empty() : Values.text(principal.property(property));
        return literal.orElse(context.isLive() ? principal.id() : null);
    }

    private static String key(Resource r) {
        return r.type() + " " + r.id();
    }
}
