package dev.cxscan.examples;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Workload health KPIs: alarms on the load balancer, the API servers and the database, sent to an
 * on-call topic, and the application log group. Non-compliant: one alarm that notifies nobody, and
 * logs that never expire.
 */
public final class Monitoring extends Construct {
    public Monitoring(Construct scope, String id, Posture posture, Encryption encryption, ApiTier api, DataTier data) {
        super(scope, id);
        boolean ok = posture.compliant();
        LogGroup.Builder.create(this, "ApplicationLogs")
                .retention(ok ? RetentionDays.ONE_YEAR : RetentionDays.INFINITE)
                .encryptionKey(ok ? encryption.key : null)
                .build();

        Alarm alb5xx = Alarm.Builder.create(this, "Alb5xx")
                .alarmDescription("Chat API returns 5xx from the load balancer")
                .metric(api.alb.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT))
                .threshold(5).evaluationPeriods(3)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .build();
        if (!ok) {
            return;
        }
        Topic onCall = Topic.Builder.create(this, "OnCall").masterKey(encryption.key).build();
        SnsAction notify = new SnsAction(onCall);
        alb5xx.addAlarmAction(notify);

        Alarm serversCpu = Alarm.Builder.create(this, "ServersCpu")
                .alarmDescription("API servers CPU above 80% for 15 minutes")
                .metric(Metric.Builder.create().namespace("AWS/EC2").metricName("CPUUtilization")
                        .dimensionsMap(Map.of("AutoScalingGroupName", api.servers.getAutoScalingGroupName()))
                        .period(Duration.minutes(5)).statistic("Average").build())
                .threshold(80).evaluationPeriods(3)
                .build();
        serversCpu.addAlarmAction(notify);

        Alarm dbCpu = Alarm.Builder.create(this, "EmbeddingsDbCpu")
                .alarmDescription("Embeddings database CPU above 80%")
                .metric(data.embeddingsCluster.metricCPUUtilization())
                .threshold(80).evaluationPeriods(3)
                .build();
        dbCpu.addAlarmAction(notify);
    }
}
