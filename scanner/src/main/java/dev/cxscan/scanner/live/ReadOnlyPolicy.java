package dev.cxscan.scanner.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IAM policy of the scan role (resource cxscan-readonly-policy.json): exactly the actions the
 * probes declare ({@link Probe#iamActions()}) plus the core's own calls and the Well-Architected Tool reads,
 * and a CloudFormation
 * template that deploys the role a partner assumes.
 */
public final class ReadOnlyPolicy {
    public static final String RESOURCE = "/cxscan-readonly-policy.json";
    /** What the scan itself calls besides the probes: who am I, and which regions are enabled / reachable. */
    public static final List<String> CORE_ACTIONS = List.of("ec2:DescribeRegions", "sts:GetCallerIdentity");
    /** Action name prefixes of read operations; with {@link #READ_ACTIONS} the only actions the policy may hold. */
    public static final List<String> READ_PREFIXES = List.of("Get", "List", "Describe", "Lookup");
    /** Read actions whose names do not start with a read prefix. */
    public static final Set<String> READ_ACTIONS = Set.of("iam:GenerateCredentialReport", "budgets:ViewBudget");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReadOnlyPolicy() {
    }

    /** The shipped policy document. */
    public static JsonNode document() {
        try (InputStream in = ReadOnlyPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The actions of the shipped policy, sorted. */
    public static Set<String> actions() {
        Set<String> out = new TreeSet<>();
        for (JsonNode st : document().path("Statement")) {
            JsonNode a = st.path("Action");
            if (a.isTextual()) {
                out.add(a.textValue());
            } else {
                a.forEach(x -> out.add(x.textValue()));
            }
        }
        return out;
    }

    /**
     * The policy a scan needs: the union of the probes' actions, {@link #CORE_ACTIONS} and the Well-Architected
     * Tool reads of {@code --wafr-workload} ({@link dev.cxscan.scanner.wafr.WafrApiImporter#IAM_ACTIONS}), sorted.
     */
    public static Set<String> required(List<Probe> probes) {
        Set<String> out = new TreeSet<>(CORE_ACTIONS);
        out.addAll(dev.cxscan.scanner.wafr.WafrApiImporter.IAM_ACTIONS);
        probes.forEach(p -> out.addAll(p.iamActions()));
        return out;
    }

    /** A policy document allowing {@code actions} on every resource. */
    public static ObjectNode documentOf(Set<String> actions) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("Version", "2012-10-17");
        ObjectNode st = doc.putArray("Statement").addObject();
        st.put("Sid", "CxscanReadOnly");
        st.put("Effect", "Allow");
        ArrayNode a = st.putArray("Action");
        actions.forEach(a::add);
        st.put("Resource", "*");
        return doc;
    }

    /** True when {@code action} ("service:Name") is a read action. */
    public static boolean isRead(String action) {
        if (READ_ACTIONS.contains(action)) {
            return true;
        }
        int colon = action.indexOf(':');
        String name = colon < 0 ? action : action.substring(colon + 1);
        return READ_PREFIXES.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length()
                && Character.isUpperCase(name.charAt(p.length())));
    }

    /**
     * A CloudFormation template (JSON) for the scan role: trusted by {@code principal} with an
     * sts:ExternalId condition, sessions of at most an hour, the read-only policy inline.
     */
    public static ObjectNode cloudFormation(String principal, String externalId) {
        ObjectNode t = MAPPER.createObjectNode();
        t.put("AWSTemplateFormatVersion", "2010-09-09");
        t.put("Description", "cxscan read-only scan role: lets " + principal
                + " read this account's configuration for the AWS Generative AI Competency evidence.");
        ObjectNode role = t.putObject("Resources").putObject("CxscanScanRole");
        role.put("Type", "AWS::IAM::Role");
        ObjectNode props = role.putObject("Properties");
        props.put("Description", "Assumed by cxscan to read this account (read-only).");
        props.put("MaxSessionDuration", 3600);
        ObjectNode trust = props.putObject("AssumeRolePolicyDocument");
        trust.put("Version", "2012-10-17");
        ObjectNode st = trust.putArray("Statement").addObject();
        st.put("Effect", "Allow");
        st.putObject("Principal").put("AWS", principal);
        st.put("Action", "sts:AssumeRole");
        st.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
        ObjectNode inline = props.putArray("Policies").addObject();
        inline.put("PolicyName", "cxscan-readonly");
        inline.set("PolicyDocument", document());
        ObjectNode outputs = t.putObject("Outputs");
        ObjectNode arn = outputs.putObject("RoleArn");
        arn.put("Description", "Pass to cxscan account --role-arn (with --external-id)");
        arn.putObject("Value").putArray("Fn::GetAtt").add("CxscanScanRole").add("Arn");
        outputs.putObject("ExternalId").put("Value", externalId);
        return t;
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines for a test failure: what to put in the policy file. */
    public static List<String> diff(Set<String> expected, Set<String> actual) {
        List<String> out = new ArrayList<>();
        expected.stream().filter(a -> !actual.contains(a)).forEach(a -> out.add("missing: " + a));
        actual.stream().filter(a -> !expected.contains(a)).forEach(a -> out.add("extra:   " + a));
        return out;
    }
}
