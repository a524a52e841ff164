package dev.cxscan.scanner.probes.cloudwatch;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;
import static dev.cxscan.scanner.probes.ProbeSupport.strings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * CloudWatch alarms of one region: DescribeAlarms (paginator, metric and composite alarms) as
 * AWS::CloudWatch::Alarm (Dimensions, Metrics with MetricStat.Metric.Dimensions, AlarmActions,
 * ActionsEnabled) and AWS::CloudWatch::CompositeAlarm (AlarmRule, AlarmActions), id the alarm name.
 */
public final class CloudWatchProbe implements Probe {
    @Override
    public String service() {
        return "cloudwatch";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm");
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudwatch:DescribeAlarms");
    }

    @Override
    public void read(ProbeContext c) {
        CloudWatchClient cw = c.clients().client(CloudWatchClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "cloudwatch", "cloudwatch:DescribeAlarms", region,
                List.of("cloudwatch_alarms_present", "cloudwatch_alarm_actions"), () -> {
                    List<Resource> out = new ArrayList<>();
                    for (var page : cw.describeAlarmsPaginator(b -> b.alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))) {
                        page.metricAlarms().forEach(a -> out.add(metricAlarm(a, region)));
                        page.compositeAlarms().forEach(a -> out.add(compositeAlarm(a, region)));
                    }
                    return out;
                }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static Resource metricAlarm(MetricAlarm a, String region) {
        ObjectNode p = obj();
        p.put("AlarmName", a.alarmName());
        put(p, "Namespace", a.namespace());
        put(p, "MetricName", a.metricName());
        put(p, "Statistic", a.statisticAsString());
        put(p, "ComparisonOperator", a.comparisonOperatorAsString());
        put(p, "Threshold", a.threshold());
        put(p, "ActionsEnabled", a.actionsEnabled());
        p.set("Dimensions", dimensions(a.dimensions()));
        if (a.hasMetrics()) {
            ArrayNode metrics = p.putArray("Metrics");
            for (MetricDataQuery q : a.metrics()) {
                ObjectNode m = metrics.addObject();
                put(m, "Id", q.id());
                put(m, "Expression", q.expression());
                put(m, "ReturnData", q.returnData());
                if (q.metricStat() != null && q.metricStat().metric() != null) {
                    ObjectNode stat = m.putObject("MetricStat");
                    put(stat, "Stat", q.metricStat().stat());
                    put(stat, "Period", q.metricStat().period());
                    ObjectNode metric = stat.putObject("Metric");
                    put(metric, "Namespace", q.metricStat().metric().namespace());
                    put(metric, "MetricName", q.metricStat().metric().metricName());
                    metric.set("Dimensions", dimensions(q.metricStat().metric().dimensions()));
                }
            }
        }
        p.set("AlarmActions", strings(a.alarmActions()));
        p.set("OKActions", strings(a.okActions()));
        p.set("InsufficientDataActions", strings(a.insufficientDataActions()));
        return Resource.live("AWS::CloudWatch::Alarm", a.alarmName(), a.alarmArn(), region, p);
    }

    static Resource compositeAlarm(CompositeAlarm a, String region) {
        ObjectNode p = obj();
        p.put("AlarmName", a.alarmName());
        put(p, "AlarmRule", a.alarmRule());
        put(p, "ActionsEnabled", a.actionsEnabled());
        p.set("AlarmActions", strings(a.alarmActions()));
        p.set("OKActions", strings(a.okActions()));
        p.set("InsufficientDataActions", strings(a.insufficientDataActions()));
        return Resource.live("AWS::CloudWatch::CompositeAlarm", a.alarmName(), a.alarmArn(), region, p);
    }

    private static ArrayNode dimensions(List<Dimension> dims) {
        ArrayNode a = ProbeSupport.arr();
        dims.forEach(d -> a.addObject().put("Name", d.name()).put("Value", d.value()));
        return a;
    }
}
