package dev.cxscan.checks.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * NETSEC-001: the default security group of each VPC has no rules. EC2 creates it with an
 * all-traffic self-referencing ingress rule and an allow-all egress rule, and a template cannot
 * declare it, so the two sources are judged differently:
 * <ul>
 * <li>Templates, per AWS::EC2::VPC: PASS when a custom resource (type {@code Custom::*} or
 * AWS::CloudFormation::CustomResource) references the VPC's {@code DefaultSecurityGroup} attribute:
 * CDK's {@code restrictDefaultSecurityGroup} (on by default since the
 * {@code @aws-cdk/aws-ec2:restrictDefaultSecurityGroup} feature flag) writes
 * {@code Custom::VpcRestrictDefaultSG} with {@code DefaultSecurityGroupId: {"Fn::GetAtt": [Vpc,
 * "DefaultSecurityGroup"]}}. A custom resource of another type is accepted as the equivalent since
 * its code cannot be read; the message names it. Other references to the attribute do not count:
 * AWS::EC2::SecurityGroupIngress/Egress on it add rules (FAIL even when the custom resource is
 * present), and instances or endpoints using it rely on it.</li>
 * <li>Live scans, per AWS::EC2::SecurityGroup whose GroupName is "default": FAIL when it has any
 * ingress or egress rule. Other groups are not judged here; VPCs are not judged live.</li>
 * </ul>
 */
public final class Ec2DefaultSgClosed extends AbstractRule {
    static final Check CHECK = Check.of("ec2_default_sg_closed",
            "The default security group of each VPC has no rules", Severity.MEDIUM, "NETSEC-001",
            "Remove every inbound and outbound rule from each VPC's default security group and use dedicated groups; "
                    + "in CDK keep restrictDefaultSecurityGroup: true on ec2.Vpc (the default with the "
                    + "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup feature flag).");

    private static final Set<String> ADDS_RULES = Set.of("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress");

    public Ec2DefaultSgClosed() {
        super(CHECK, "AWS::EC2::VPC", "AWS::EC2::SecurityGroup");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (resource.type().equals("AWS::EC2::SecurityGroup")) {
            return context.isLive() ? liveDefaultGroup(resource) : Verdict.notApplicable();
        }
        if (context.isLive()) {
            return Verdict.notApplicable();
        }
        List<String> revokers = new ArrayList<>();
        List<String> adders = new ArrayList<>();
        for (Resource other : context.referencesTo(resource)) {
            if (!referencesDefaultGroup(other.properties(), resource.id())) {
                continue;
            }
            if (other.type().startsWith("Custom::") || other.type().equals("AWS::CloudFormation::CustomResource")) {
                revokers.add(other.id() + " (" + other.type() + ")");
            } else if (ADDS_RULES.contains(other.type())) {
                adders.add(other.id() + " (" + other.type() + ")");
            }
        }
        if (!adders.isEmpty()) {
            return Verdict.fail("the template adds rules to the VPC's default security group: " + String.join(", ", adders));
        }
        if (revokers.isEmpty()) {
            return Verdict.fail("no restrictDefaultSecurityGroup custom resource (Custom::VpcRestrictDefaultSG) or other custom "
                    + "resource references " + resource.id() + ".DefaultSecurityGroup: the default group keeps its "
                    + "allow-all rules");
        }
        return Verdict.pass("the default security group's rules are revoked by " + String.join(", ", revokers));
    }

    private static Verdict liveDefaultGroup(Resource group) {
        if (!Values.textEquals(group.property("GroupName"), "default")) {
            return Verdict.notApplicable();
        }
        int in = Values.list(group.property("SecurityGroupIngress")).size();
        int out = Values.list(group.property("SecurityGroupEgress")).size();
        if (in + out == 0) {
            return Verdict.pass("default security group has no inbound or outbound rules");
        }
        return Verdict.fail("default security group still has rules: " + in + " inbound, " + out + " outbound");
    }

    /** True when {@code node} holds {"Fn::GetAtt": [vpcId, "DefaultSecurityGroup"]} (or "Vpc.DefaultSecurityGroup"). */
    static boolean referencesDefaultGroup(JsonNode node, String vpcId) {
        if (node.isObject()) {
            JsonNode getAtt = node.size() == 1 ? node.get("Fn::GetAtt") : null;
            if (getAtt != null) {
                if (getAtt.isArray() && getAtt.size() == 2) {
                    return vpcId.equals(getAtt.get(0).asText()) && "DefaultSecurityGroup".equals(getAtt.get(1).asText());
                }
                if (getAtt.isTextual()) {
                    return getAtt.textValue().equals(vpcId + ".DefaultSecurityGroup");
                }
            }
            JsonNode sub = node.size() == 1 ? node.get("Fn::Sub") : null;
            if (sub != null) {
                JsonNode pattern = sub.isArray() && sub.size() > 0 ? sub.get(0) : sub;
                if (pattern.isTextual() && pattern.textValue().contains("${" + vpcId + ".DefaultSecurityGroup}")) {
                    return true;
                }
            }
        }
        if (node.isContainerNode()) {
            Iterator<JsonNode> it = node.elements();
            while (it.hasNext()) {
                if (referencesDefaultGroup(it.next(), vpcId)) {
                    return true;
                }
            }
        }
        return false;
    }
}
