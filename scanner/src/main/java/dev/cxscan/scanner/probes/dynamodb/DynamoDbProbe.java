package dev.cxscan.scanner.probes.dynamodb;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import dev.cxscan.scanner.probes.backup.BackupProbe;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DynamoDB tables of one region: ListTables (paginator), DescribeTable and DescribeContinuousBackups
 * per table (no batch API exists) as AWS::DynamoDB::Table. SSESpecification is set only when the
 * table uses KMS (SSEDescription status ENABLED/UPDATING): that is what SSEEnabled true means in
 * CloudFormation; an AWS owned key leaves it out.
 */
public final class DynamoDbProbe implements Probe {
    @Override
    public String service() {
        return "dynamodb";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::DynamoDB::Table");
    }

    @Override
    public List<String> iamActions() {
        return List.of("dynamodb:ListTables", "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups");
    }

    @Override
    public void read(ProbeContext c) {
        DynamoDbClient ddb = c.clients().client(DynamoDbClient.class, c.region());
        String region = c.region().id();
        List<String> checks = ProbeSupport.concat(List.of("dynamodb_kms_encrypted", "dynamodb_pitr_enabled"), BackupProbe.CHECKS);
        Optional<List<String>> names = ProbeSupport.call(c, "dynamodb", "dynamodb:ListTables", region, checks,
                () -> ddb.listTablesPaginator(b -> { }).tableNames().stream().toList());
        // DescribeTable and DescribeContinuousBackups per table: up to --concurrency tables at once, in ListTables order
        ProbeSupport.forEachParallel(c, names.orElse(List.of()), (own, name) -> {
            Optional<TableDescription> t = ProbeSupport.call(own, "dynamodb", "dynamodb:DescribeTable", region, checks,
                    () -> ddb.describeTable(b -> b.tableName(name)).table());
            if (t.isEmpty()) {
                return;
            }
            ObjectNode p = obj();
            p.put("TableName", name);
            put(p, "BillingMode", t.get().billingModeSummary() == null ? null : t.get().billingModeSummary().billingModeAsString());
            var sse = t.get().sseDescription();
            if (sse != null && ("ENABLED".equals(sse.statusAsString()) || "UPDATING".equals(sse.statusAsString()))) {
                ObjectNode s = p.putObject("SSESpecification");
                s.put("SSEEnabled", true);
                put(s, "SSEType", sse.sseTypeAsString());
                put(s, "KMSMasterKeyId", sse.kmsMasterKeyArn());
            }
            ProbeSupport.call(own, "dynamodb", "dynamodb:DescribeContinuousBackups", region, List.of("dynamodb_pitr_enabled"),
                    () -> ddb.describeContinuousBackups(b -> b.tableName(name)).continuousBackupsDescription())
                    .ifPresent(d -> p.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled",
                            d.pointInTimeRecoveryDescription() != null
                                    && "ENABLED".equals(d.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString())));
            own.inventory().add(region, Resource.live("AWS::DynamoDB::Table", name, t.get().tableArn(), region, p));
        });
    }
}
