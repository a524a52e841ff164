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
import java.util.List;

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

    static Finding evaluate(Rule rule, Resource resource) {
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet(ACCOUNT + "/us-east-1", true, List.of(resource)), new Diagnostics());
        if (findings.size() != 1) {
            throw new AssertionError("expected one finding, got " + findings);
        }
        return findings.get(0);
    }
}
