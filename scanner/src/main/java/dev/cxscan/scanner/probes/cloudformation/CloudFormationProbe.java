package dev.cxscan.scanner.probes.cloudformation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * CloudFormation of one region: DescribeStacks (paginator) as the fact {@value #FACT}@region:
 * [{"StackName", "StackId", "StackStatus", "DriftStatus", "LastDriftCheck"}]. Never starts a drift
 * detection: DriftStatus is the last result (NOT_CHECKED when none ran).
 */
public final class CloudFormationProbe implements Probe {
    public static final String FACT = "cloudformation:Stacks";

    @Override
    public String service() {
        return "cloudformation";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudformation:DescribeStacks");
    }

    @Override
    public void read(ProbeContext c) {
        CloudFormationClient cfn = c.clients().client(CloudFormationClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "cloudformation", "cloudformation:DescribeStacks", region, List.of("cfn_stacks_in_sync"),
                () -> cfn.describeStacksPaginator(b -> { }).stacks().stream().toList())
                .ifPresent(stacks -> {
                    ArrayNode a = ProbeSupport.arr();
                    stacks.forEach(s -> a.add(stack(s)));
                    c.inventory().fact(FACT + "@" + region, a);
                });
    }

    static ObjectNode stack(Stack s) {
        ObjectNode o = ProbeSupport.obj();
        o.put("StackName", s.stackName());
        o.put("StackId", s.stackId());
        ProbeSupport.put(o, "StackStatus", s.stackStatusAsString());
        ProbeSupport.put(o, "ParentId", s.parentId());
        if (s.driftInformation() != null) {
            ProbeSupport.put(o, "DriftStatus", s.driftInformation().stackDriftStatusAsString());
            ProbeSupport.put(o, "LastDriftCheck", s.driftInformation().lastCheckTimestamp());
        }
        return o;
    }
}
