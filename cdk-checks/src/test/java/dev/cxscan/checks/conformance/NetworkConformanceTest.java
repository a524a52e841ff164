package dev.cxscan.checks.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.rules.ec2.Ec2NaclNoPublicAdminPorts;
import dev.cxscan.checks.rules.ec2.Ec2SgNoPublicAdminPorts;
import dev.cxscan.checks.rules.ec2.Ec2SgNoPublicAllTraffic;
import dev.cxscan.checks.rules.ec2.Ec2SgPublicIngressWebOnly;
import dev.cxscan.checks.rules.rds.RdsMultiAz;
import dev.cxscan.checks.rules.vpc.VpcFlowLogsEnabled;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the NETSEC-001 and DOC-001 rules on the conformance corpus (checkov, cfn_nag and
 * aws-guard-rules-registry test templates, see conformance/README.md) and asserts that cxscan
 * agrees with each upstream expectation for the matching upstream check, except for the
 * deliberate disagreements listed in {@link #DISAGREEMENTS}, where cxscan's own result is asserted
 * and the reason is given.
 */
class NetworkConformanceTest {
    private static final Rule ADMIN = new Ec2SgNoPublicAdminPorts();
    private static final Rule WEB_ONLY = new Ec2SgPublicIngressWebOnly();
    private static final Rule ALL_TRAFFIC = new Ec2SgNoPublicAllTraffic();
    private static final Rule NACL = new Ec2NaclNoPublicAdminPorts();
    private static final Rule FLOW_LOGS = new VpcFlowLogsEnabled();
    private static final Rule RDS = new RdsMultiAz();

    /** Upstream check id -> the cxscan rule that judges the same thing. */
    private static final Map<String, Rule> MAPPING = Map.ofEntries(
            Map.entry("CKV_AWS_24", ADMIN),              // SSH from anywhere
            Map.entry("CKV_AWS_25", ADMIN),              // RDP from anywhere
            Map.entry("INCOMING_SSH_DISABLED", ADMIN),
            Map.entry("RESTRICTED_INCOMING_TRAFFIC", ADMIN),
            Map.entry("CKV_AWS_260", WEB_ONLY),          // port 80 from anywhere
            Map.entry("W2", WEB_ONLY),                   // anything from anywhere
            Map.entry("W42", ALL_TRAFFIC),               // IpProtocol -1
            Map.entry("W60", FLOW_LOGS),
            Map.entry("W66", NACL),
            Map.entry("W67", NACL),
            Map.entry("CKV_AWS_157", RDS),
            Map.entry("RDS_MULTI_AZ_SUPPORT", RDS));

    private record Disagreement(Status ours, String reason) {
    }

    private static final String CKV_260 = "cxscan allows port 80 from anywhere: ec2_sg_public_ingress_web_only accepts 80 and 443 "
            + "(public web endpoints), while CKV_AWS_260 flags port 80";
    private static final String NOT_ANYWHERE = "the source is not anywhere (0.0.0.0/0 or ::/0); CHECKS.md judges only "
            + "traffic from anywhere, the upstream check flags the protocol or port whatever the source";

    /** (check id, template, logical id) -> cxscan's deliberate result and why. */
    private static final Map<String, Disagreement> DISAGREEMENTS = new LinkedHashMap<>();

    static {
        for (String f : List.of("SecurityGroupUnrestrictedIngress80-FAILED.yaml", "SecurityGroupUnrestrictedIngress80-FAILED-2.yaml",
                "SecurityGroupUnrestrictedIngress80-FAILED-3.yaml")) {
            DISAGREEMENTS.put(key("CKV_AWS_260", "templates/checkov/SecurityGroupUnrestrictedIngress80/" + f, "InstanceSecurityGroup"),
                    new Disagreement(Status.PASS, CKV_260));
        }
        DISAGREEMENTS.put(key("INCOMING_SSH_DISABLED", "templates/guard/restricted_ssh/case03-pass.yaml", "ExampleSecurityGroup"),
                new Disagreement(Status.FAIL, "the second rule's key is misspelt (IpProtocol\"), so it is ports 0-65535 from "
                        + "0.0.0.0/0 with no IpProtocol: guard only matches IpProtocol tcp; cxscan cannot tell the protocol of an "
                        + "open rule and never passes it (EC2 would reject it)"));
        DISAGREEMENTS.put(key("RESTRICTED_INCOMING_TRAFFIC", "templates/guard/restricted_common_ports/case04-fail.yaml", "ExampleSecurityGroup"),
                new Disagreement(Status.PASS, "port 20 from 192.168.0.0/16: not an admin port and not from anywhere"));
        DISAGREEMENTS.put(key("W2", "templates/cfn_nag/json/security_group/security_group_open_to_world_on_ingress.json", "sgOpenIngress2"),
                new Disagreement(Status.PASS, "the open rule is a standalone AWS::EC2::SecurityGroupIngress; cfn_nag reports it on the "
                        + "parent group, cxscan on the ingress resource itself (asserted in standaloneIngressCarriesTheFinding)"));
        for (String id : List.of("danglingIngress", "IpProtocol_minus_1_str")) {
            DISAGREEMENTS.put(key("W42", "templates/cfn_nag/json/security_group/dangling_allprotocols_ingress_rule.json", id),
                    new Disagreement(Status.PASS, NOT_ANYWHERE + " (1.2.3.5/16)"));
        }
        String nacl = "templates/cfn_nag/yaml/ec2_networkaclentry/";
        for (String f : List.of("ec2_networkaclentry_all_protocols.yml", "ec2_networkaclentry_protocol_icmpv6_missing_icmp.yml",
                "ec2_networkaclentry_protocol_icmpv6_with_icmpv4_cidrblock.yml")) {
            DISAGREEMENTS.put(key("W66", nacl + f, "myNetworkAclEntry"), new Disagreement(Status.PASS, NOT_ANYWHERE
                    + " (10.0.0.0/16 or the VPC's IPv6 block); ICMP entries open no admin port"));
        }
        for (String f : List.of("ec2_networkaclentry_all_ports_full_range.yml", "ec2_networkaclentry_missing_port_range.yml",
                "ec2_networkaclentry_missing_port_range_from.yml", "ec2_networkaclentry_missing_port_range_to.yml")) {
            DISAGREEMENTS.put(key("W67", nacl + f, "myNetworkAclEntry"), new Disagreement(Status.PASS, NOT_ANYWHERE + " (10.0.0.0/16)"));
        }
    }

    private static String key(String check, String template, String logicalId) {
        return check + " | " + template + " | " + logicalId;
    }

    @Test
    void agreesWithUpstreamExceptDocumentedDisagreements() throws Exception {
        JsonNode entries = expected().get("entries");
        List<String> mismatches = new ArrayList<>();
        Set<String> usedDisagreements = new HashSet<>();
        int compared = 0;
        int agreed = 0;
        for (JsonNode e : entries) {
            Rule rule = MAPPING.get(e.get("check_id").asText());
            if (rule == null) {
                continue;
            }
            compared++;
            String template = e.get("template").asText();
            String id = e.get("logical_id").asText();
            String k = key(e.get("check_id").asText(), template, id);
            Finding f = finding(rule, template, id);
            Status upstream = e.get("expected").asText().equals("PASSED") ? Status.PASS : Status.FAIL;
            Disagreement d = DISAGREEMENTS.get(k);
            Status wanted = d == null ? upstream : d.ours();
            if (d != null) {
                usedDisagreements.add(k);
                assertTrue(d.ours() != upstream, "listed as a disagreement but cxscan's result equals upstream's: " + k);
            } else {
                agreed++;
            }
            if (f.status() != wanted) {
                mismatches.add(k + ": upstream " + upstream + ", cxscan " + f.status() + " (" + f.message() + ")");
            }
        }
        assertEquals(List.of(), mismatches);
        Set<String> stale = new HashSet<>(DISAGREEMENTS.keySet());
        stale.removeAll(usedDisagreements);
        assertEquals(Set.of(), stale, "disagreements that match no conformance entry");
        assertTrue(compared >= 60, "expected the corpus to hold the mapped checks, compared " + compared);
        assertTrue(agreed > DISAGREEMENTS.size(), "agreed " + agreed + " of " + compared);
    }

    @Test
    void standaloneIngressCarriesTheFinding() throws Exception {
        Finding f = finding(WEB_ONLY, "templates/cfn_nag/json/security_group/security_group_open_to_world_on_ingress.json",
                "securityGroupIngress");
        assertEquals(Status.FAIL, f.status(), f.message());
        assertTrue(f.message().contains("tcp 46"), f.message());
    }

    @Test
    void ipv6AnywhereSpelledOutIsAnywhere() throws Exception {
        String t = "templates/cfn_nag/yaml/security_group/ip6_security_groups_open_to_world.yml";
        for (String id : List.of("InstanceSecurityGroup", "InstanceSecurityGroup2", "InstanceSecurityGroup3")) {
            assertEquals(Status.FAIL, finding(ADMIN, t, id).status(), id);
        }
        // 2001:800::/21 is a narrower range
        assertEquals(Status.PASS, finding(ADMIN, t, "InstanceSecurityGroup4").status());
    }

    private static Finding finding(Rule rule, String template, String logicalId) throws Exception {
        Template t;
        try (InputStream in = resource(template)) {
            t = TemplateParser.parse(template, in.readAllBytes());
        }
        List<Finding> found = new RuleEngine(List.of(rule)).evaluate(t.resourceSet(), new Diagnostics()).stream()
                .filter(f -> f.resource().id().equals(logicalId)).toList();
        if (found.size() != 1) {
            fail(rule.check().id() + " gave " + found.size() + " findings for " + logicalId + " in " + template);
        }
        return found.get(0);
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = resource("expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = NetworkConformanceTest.class.getResourceAsStream("/conformance/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource conformance/" + path);
        }
        return in;
    }
}
