package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Live-shaped IAM resources as a probe builds them from GetRole / GetRolePolicy (URL-encoded documents). */
final class LiveIam {
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LiveIam() {
    }

    static Resource role(String trustJson, String inlinePolicyJson) {
        ObjectNode props = MAPPER.createObjectNode();
        props.put("RoleName", "app-role");
        props.put("AssumeRolePolicyDocument", URLEncoder.encode(trustJson.strip(), StandardCharsets.UTF_8));
        if (inlinePolicyJson != null) {
            ObjectNode p = props.putArray("Policies").addObject();
            p.put("PolicyName", "inline");
            p.put("PolicyDocument", URLEncoder.encode(inlinePolicyJson.strip(), StandardCharsets.UTF_8));
        }
        return Resource.live("AWS::IAM::Role", "app-role", "arn:aws:iam::" + ACCOUNT + ":role/app-role", "us-east-1", props);
    }

    /** A live resource of any IAM type with its CloudFormation-shaped properties as JSON. */
    static Resource resource(String type, String id, String arn, String propertiesJson) {
        try {
            return Resource.live(type, id, arn, null, (ObjectNode) MAPPER.readTree(propertiesJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The rule over one live scope holding all {@code resources}: findings by resource id. */
    static Map<String, Finding> evaluateAll(Rule rule, Resource... resources) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : new RuleEngine(List.of(rule)).evaluate(new ResourceSet(ACCOUNT + "/global", true, List.of(resources)),
                new Diagnostics())) {
            if (out.put(f.resource().id(), f) != null) {
                throw new AssertionError("two findings for " + f.resource().id());
            }
        }
        return out;
    }

    static Finding evaluate(Rule rule, Resource resource) {
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet(ACCOUNT + "/us-east-1", true, List.of(resource)), new Diagnostics());
        if (findings.size() != 1) {
            throw new AssertionError("expected one finding, got " + findings);
        }
        return findings.get(0);
    }
}
