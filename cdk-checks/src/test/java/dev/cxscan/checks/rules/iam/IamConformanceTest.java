package dev.cxscan.checks.rules.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the IAM rules on the upstream conformance corpus (checkov, cfn_nag, aws-guard-rules-registry)
 * and asserts that they agree with each upstream expectation that asks the same question, except for
 * the deliberate disagreements listed (each of which must still occur, so the list stays true).
 * <p>
 * Known differences of semantics that the corpus entries happen not to exercise: cfn_nag W12/W13 flag
 * any Resource "*" (cxscan passes read-only and star-only actions such as xray:PutTraceSegments on "*";
 * the corpus entries pair "*" with rds:CreateDBInstance, a write, so both fail); checkov CKV_AWS_61
 * flags any account-root trust (cxscan passes the own account, written as AWS::AccountId). IAM user
 * access keys have no upstream CloudFormation test (see the corpus README).
 */
class IamConformanceTest {
    private static final Path ROOT = Path.of("src/test/resources/conformance");

    /** Upstream check id -> the cxscan rule answering the same question. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", new IamNoAdminPolicy()),
            Map.entry("W43", new IamNoAdminPolicy()),                      // role attaches AdministratorAccess
            Map.entry("IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS", new IamNoWildcardActions()),
            Map.entry("F2", new IamNoWildcardActions()),                   // see disagreement below
            Map.entry("F3", new IamNoWildcardActions()),
            Map.entry("F4", new IamNoWildcardActions()),
            Map.entry("F5", new IamNoWildcardActions()),
            Map.entry("W12", new IamNoWildcardResources()),
            Map.entry("W13", new IamNoWildcardResources()),
            Map.entry("CKV_AWS_107", new IamNoWildcardResources()),        // credential-exposure writes on "*"
            Map.entry("CKV_AWS_109", new IamNoWildcardResources()),        // permissions management on "*"
            Map.entry("CKV_AWS_111", new IamNoWildcardResources()),        // write access on "*"
            Map.entry("CKV_AWS_60", new IamRoleTrustRestricted()),
            Map.entry("CKV_AWS_61", new IamRoleTrustRestricted()));

    /**
     * Deliberate disagreements: "check_id template logical_id" -> why cxscan answers the other way.
     */
    private static final Map<String, String> DISAGREE = Map.of(
            "F2 templates/cfn_nag/json/iam_role/iam_role_with_wildcard_action_on_trust.json WildcardActionRole",
            "cfn_nag F2 flags Action \"*\" in a trust policy. cxscan's wildcard-action check judges permission "
                    + "policies only; a trust policy's actions are sts:AssumeRole*/TagSession/SetSourceIdentity for the "
                    + "trusted principal (here the EC2 service), and who may assume is iam_role_trust_restricted's question.");

    @Test
    void iamRulesAgreeWithUpstreamExpectations() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(ROOT.resolve("expected.json").toFile());
        List<String> mismatches = new ArrayList<>();
        Set<String> disagreementsSeen = new HashSet<>();
        int compared = 0;
        for (JsonNode e : expected.path("entries")) {
            Rule rule = RULES.get(e.path("check_id").asText());
            if (rule == null) {
                continue;
            }
            String key = e.path("check_id").asText() + " " + e.path("template").asText() + " " + e.path("logical_id").asText();
            Finding f = finding(rule, e.path("template").asText(), e.path("logical_id").asText());
            Status want = e.path("expected").asText().equals("PASSED") ? Status.PASS : Status.FAIL;
            Status got = f == null ? null : f.status();
            compared++;
            if (DISAGREE.containsKey(key)) {
                if (got == want) {
                    mismatches.add(key + ": listed as a deliberate disagreement but now agrees (" + got + ")");
                }
                disagreementsSeen.add(key);
            } else if (got != want) {
                mismatches.add(key + ": upstream " + want + ", " + rule.check().id() + " "
                        + (f == null ? "no finding" : got + " (" + f.message() + ")"));
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(DISAGREE.keySet(), disagreementsSeen, "every listed disagreement must be in the corpus");
        assertTrue(compared >= 68, "expected the IAM part of the corpus to be found, compared " + compared);
    }

    private static Finding finding(Rule rule, String template, String logicalId) throws Exception {
        Template t = TemplateParser.parse(template, Files.readAllBytes(ROOT.resolve(template)));
        List<Finding> found = new RuleEngine(List.of(rule)).evaluate(t.resourceSet(), new Diagnostics()).stream()
                .filter(f -> f.resource().id().equals(logicalId)).toList();
        return found.size() == 1 ? found.get(0) : null;
    }
}
