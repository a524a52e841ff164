package dev.cxscan.scanner.probes.logs;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** CloudWatch Logs of one region: DescribeLogGroups (paginator) as AWS::Logs::LogGroup (id the name, ARN without ":*"). */
public final class LogsProbe implements Probe {
    @Override
    public String service() {
        return "logs";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::Logs::LogGroup");
    }

    @Override
    public List<String> iamActions() {
        return List.of("logs:DescribeLogGroups");
    }

    @Override
    public void read(ProbeContext c) {
        CloudWatchLogsClient logs = c.clients().client(CloudWatchLogsClient.class, c.region());
        String region = c.region().id();
        // every rule judging AWS::Logs::LogGroup is starved when the list cannot be read
        ProbeSupport.call(c, "logs", "logs:DescribeLogGroups", region, List.of("log_group_retention", "log_group_encrypted"),
                () -> logs.describeLogGroupsPaginator(b -> { }).logGroups().stream().map(g -> group(g, region)).toList())
                .ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static Resource group(LogGroup g, String region) {
        ObjectNode p = obj();
        p.put("LogGroupName", g.logGroupName());
        put(p, "RetentionInDays", g.retentionInDays());
        put(p, "KmsKeyId", g.kmsKeyId());
        String arn = g.arn();
        if (arn != null && arn.endsWith(":*")) {
            arn = arn.substring(0, arn.length() - 2);
        }
        return Resource.live("AWS::Logs::LogGroup", g.logGroupName(), arn, region, p);
    }
}
