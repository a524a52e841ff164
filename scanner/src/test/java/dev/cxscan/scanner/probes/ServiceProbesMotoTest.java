package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.cloudwatch.CloudWatchProbe;
import dev.cxscan.scanner.probes.dynamodb.DynamoDbProbe;
import dev.cxscan.scanner.probes.ec2.Ec2Probe;
import dev.cxscan.scanner.probes.elbv2.Elbv2Probe;
import dev.cxscan.scanner.probes.kms.KmsProbe;
import dev.cxscan.scanner.probes.logs.LogsProbe;
import dev.cxscan.scanner.probes.rds.RdsProbe;
import dev.cxscan.scanner.probes.sns.SnsProbe;
import dev.cxscan.scanner.probes.sqs.SqsProbe;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ServiceProbesMotoTest extends MotoTestBase {

    @Test
    void rdsInstancesAndAlarmsOnThem() {
        RdsClient rds = client(RdsClient.class);
        rds.createDBInstance(b -> b.dbInstanceIdentifier("plain-db").engine("postgres").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("secret123").allocatedStorage(20));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("safe-db").engine("postgres").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("secret123").allocatedStorage(20).storageEncrypted(true).multiAZ(true)
                .backupRetentionPeriod(14).deletionProtection(true));
        CloudWatchClient cw = client(CloudWatchClient.class);
        cw.putMetricAlarm(b -> b.alarmName("safe-db-cpu").namespace("AWS/RDS").metricName("CPUUtilization").statistic("Average")
                .period(60).evaluationPeriods(1).threshold(80.0).comparisonOperator("GreaterThanThreshold")
                .dimensions(d -> d.name("DBInstanceIdentifier").value("safe-db")).alarmActions("arn:aws:sns:us-east-1:123456789012:ops"));
        cw.putMetricAlarm(b -> b.alarmName("silent").namespace("AWS/RDS").metricName("FreeStorageSpace").statistic("Average")
                .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("LessThanThreshold"));

        LiveInventory inv = read(new RdsProbe(), new CloudWatchProbe());

        assertEquals(List.of(), inv.errors());
        assertRule(Status.FAIL, inv, "rds_storage_encrypted", "plain-db");
        assertRule(Status.PASS, inv, "rds_storage_encrypted", "safe-db");
        assertRule(Status.FAIL, inv, "rds_multi_az", "plain-db");
        assertRule(Status.PASS, inv, "rds_multi_az", "safe-db");
        assertRule(Status.PASS, inv, "rds_backup_retention", "safe-db");
        assertRule(Status.FAIL, inv, "rds_backup_retention", "plain-db");
        assertRule(Status.PASS, inv, "rds_deletion_protection", "safe-db");
        assertRule(Status.PASS, inv, "cloudwatch_alarms_present", "safe-db");
        assertRule(Status.FAIL, inv, "cloudwatch_alarms_present", "plain-db");
        assertRule(Status.PASS, inv, "cloudwatch_alarm_actions", "safe-db-cpu");
        assertRule(Status.FAIL, inv, "cloudwatch_alarm_actions", "silent");
    }

    @Test
    void kmsKeysLogGroupsQueuesTopicsTables() {
        KmsClient kms = client(KmsClient.class);
        String rotating = kms.createKey(b -> b.description("rotating")).keyMetadata().keyId();
        kms.enableKeyRotation(b -> b.keyId(rotating));
        String still = kms.createKey(b -> b.description("still")).keyMetadata().keyId();
        kms.createKey(b -> b.keySpec("RSA_2048").keyUsage("SIGN_VERIFY"));
        CloudWatchLogsClient logs = client(CloudWatchLogsClient.class);
        logs.createLogGroup(b -> b.logGroupName("/app/kept"));
        logs.putRetentionPolicy(b -> b.logGroupName("/app/kept").retentionInDays(30));
        logs.createLogGroup(b -> b.logGroupName("/app/forever"));
        SqsClient sqs = client(SqsClient.class);
        sqs.createQueue(b -> b.queueName("kms-queue").attributes(java.util.Map.of(QueueAttributeName.KMS_MASTER_KEY_ID, "alias/aws/sqs")));
        SnsClient sns = client(SnsClient.class);
        sns.createTopic(b -> b.name("plain-topic"));
        sns.createTopic(b -> b.name("kms-topic").attributes(java.util.Map.of("KmsMasterKeyId", "alias/aws/sns")));
        DynamoDbClient ddb = client(DynamoDbClient.class);
        ddb.createTable(b -> b.tableName("orders").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")).keySchema(k -> k.attributeName("id").keyType("HASH")));
        ddb.updateContinuousBackups(b -> b.tableName("orders").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));

        LiveInventory inv = read(new KmsProbe(), new LogsProbe(), new SqsProbe(), new SnsProbe(), new DynamoDbProbe());

        assertEquals(List.of(), inv.errors());
        assertEquals(2, resources(inv, "AWS::KMS::Key").stream().filter(k -> k.has("EnableKeyRotation")).count());
        assertRule(Status.PASS, inv, "kms_key_rotation_enabled", rotating);
        assertRule(Status.FAIL, inv, "kms_key_rotation_enabled", still);
        assertRule(Status.PASS, inv, "log_group_retention", "/app/kept");
        assertRule(Status.FAIL, inv, "log_group_retention", "/app/forever");
        assertRule(Status.PASS, inv, "sqs_queue_encrypted", "kms-queue");
        assertRule(Status.FAIL, inv, "sns_topic_encrypted", "plain-topic");
        assertRule(Status.PASS, inv, "sns_topic_encrypted", "kms-topic");
        assertRule(Status.PASS, inv, "dynamodb_pitr_enabled", "orders");
        assertRule(Status.FAIL, inv, "dynamodb_kms_encrypted", "orders");
    }

    @Test
    void loadBalancersListenersAndTheirSubnets() {
        Ec2Client ec2 = client(Ec2Client.class);
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String bb = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.class);
        String lb = elb.createLoadBalancer(b -> b.name("web").subnets(a, bb).scheme("internet-facing").type("application"))
                .loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(b -> b.name("web-tg").protocol("HTTP").port(80).vpcId(vpc)).targetGroups().get(0).targetGroupArn();
        String plain = elb.createListener(b -> b.loadBalancerArn(lb).protocol("HTTP").port(80)
                .defaultActions(x -> x.type("forward").targetGroupArn(tg))).listeners().get(0).listenerArn();
        String redirect = elb.createListener(b -> b.loadBalancerArn(lb).protocol("HTTP").port(8080)
                .defaultActions(x -> x.type("redirect").redirectConfig(r -> r.protocol("HTTPS").port("443").statusCode("HTTP_301"))))
                .listeners().get(0).listenerArn();

        // the alarms are read too: without them cloudwatch_alarms_present is not evaluated (no verdict on unread alarms)
        LiveInventory inv = read(new Ec2Probe(), new Elbv2Probe(), new CloudWatchProbe());

        assertEquals(List.of(), inv.errors());
        Resource lbr = resource(inv, "AWS::ElasticLoadBalancingV2::LoadBalancer", "web");
        assertEquals(2, lbr.property("Subnets").size());
        assertTrue(lbr.property("LoadBalancerAttributes").isArray());
        assertRule(Status.PASS, inv, "elb_multi_az", "web");
        assertRule(Status.FAIL, inv, "elb_access_logs", "web");
        assertRule(Status.FAIL, inv, "elbv2_listener_encrypted", plain);
        assertRule(Status.PASS, inv, "elbv2_listener_encrypted", redirect);
        assertRule(Status.FAIL, inv, "cloudwatch_alarms_present", "web");
    }
}
