package dev.cxscan.checks.rules.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * NETSEC-001: every VPC has a flow log. PASS when an AWS::EC2::FlowLog in the scope has ResourceId
 * (or an entry of the newer ResourceIds list) referencing the VPC (Ref in templates, vpc id live)
 * and ResourceType VPC (absent is accepted). Flow logs on single subnets or network interfaces do
 * not cover the VPC and do not count. When no flow log matches but one has a ResourceId that cannot
 * be resolved (a parameter without default, an import), the VPC is unresolved rather than failed
 * outright, and never passed.
 */
public final class VpcFlowLogsEnabled extends AbstractRule {
    static final Check CHECK = Check.of("vpc_flow_logs_enabled",
            "Every VPC has a flow log", Severity.MEDIUM, "NETSEC-001",
            "Add an AWS::EC2::FlowLog with ResourceType VPC and ResourceId the VPC, delivering to CloudWatch Logs or S3; "
                    + "in CDK: vpc.addFlowLog(\"FlowLog\") or VpcProps.builder().flowLogs(Map.of(...)).");

    public VpcFlowLogsEnabled() {
        super(CHECK, "AWS::EC2::VPC");
    }

    @Override
    public Verdict evaluate(Resource vpc, RuleContext context) {
        List<String> unknown = new ArrayList<>();
        for (Resource flowLog : context.resourcesOfType("AWS::EC2::FlowLog")) {
            JsonNode type = flowLog.property("ResourceType");
            if (!Values.isAbsent(type) && Values.text(type).isPresent() && !Values.textEquals(type, "VPC")) {
                continue;
            }
            List<JsonNode> targets = new ArrayList<>(Values.list(flowLog.property("ResourceIds")));
            if (!Values.isAbsent(flowLog.property("ResourceId"))) {
                targets.add(0, flowLog.property("ResourceId"));
            }
            for (JsonNode target : targets) {
                var resolved = context.resolveReference(target);
                if (resolved.isPresent()) {
                    if (resolved.get().id().equals(vpc.id())) {
                        return Verdict.pass("flow log " + flowLog.id() + " records "
                                + Values.text(flowLog.property("TrafficType")).orElse("the") + " traffic of this VPC");
                    }
                } else if (Values.isIntrinsic(target)) {
                    unknown.add("ResourceId of flow log " + flowLog.id() + " (" + Values.describe(target) + ")");
                }
            }
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join("; ", unknown));
        }
        return Verdict.fail("no AWS::EC2::FlowLog with ResourceType VPC references this VPC");
    }
}
