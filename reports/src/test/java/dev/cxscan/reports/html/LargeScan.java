package dev.cxscan.reports.html;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A live account scan of the size that wrote a 49 MB page: mostly PASS over thousands of resources with long ARNs,
 * some FAIL, ERROR, SUPPRESSED and NOT_APPLICABLE, plus the longest data a cell meets (an unbroken id, a
 * message without spaces, a deep ARN).
 */
final class LargeScan {
    static final String LONG_ID = "VeryLongLogicalIdWithoutAnyBreak".repeat(6);
    static final String LONG_MESSAGE = "policy-document-statement-allows-".repeat(12) + "*";
    static final String LONG_ARN = "arn:aws:iam::123456789012:role/service-role/" + "nested-path-segment/".repeat(8)
            + "AmazonSageMaker-ExecutionRole-20250602T091500-" + "x".repeat(60);

    private static final Check[] CHECKS = {
            SampleScan.check("s3_bucket_encrypted", "S3 buckets have default encryption", "Set encryption."),
            SampleScan.check("iam_no_wildcard_actions", "No IAM statement allows all actions", "List the actions."),
            SampleScan.check("ec2_sg_no_public_admin_ports", "No public SSH/RDP", "Remove the ingress."),
            SampleScan.check("rds_storage_encrypted", "RDS storage is encrypted", "Set storageEncrypted."),
            SampleScan.check("vpc_flow_logs_enabled", "Every VPC has a flow log", "Add a flow log."),
    };

    private LargeScan() {
    }

    /** {@code total} findings: one in 50 FAIL, one in 500 ERROR, one in 1,000 SUPPRESSED, one in 100 NOT_APPLICABLE, the rest PASS. */
    static ScanResult of(int total) {
        List<Finding> findings = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Check c = CHECKS[i % CHECKS.length];
            ResourceRef r = ResourceRef.live("AWS::IAM::Role", "role-" + i,
                    "arn:aws:iam::123456789012:role/service-role/workload-" + i + "-execution-role", "eu-west-1")
                    .named("workload-" + i + "-execution-role", Map.of("team", "genai", "env", "prod"));
            Status s = i % 1000 == 7 ? Status.SUPPRESSED : i % 500 == 3 ? Status.ERROR : i % 50 == 1 ? Status.FAIL
                    : i % 100 == 2 ? Status.NOT_APPLICABLE : Status.PASS;
            Finding f = Finding.of(c, s == Status.SUPPRESSED ? Status.FAIL : s, r, "evaluated resource " + i + " of the account");
            findings.add(s == Status.SUPPRESSED ? f.suppressed("accepted by security review SR-" + i) : f);
        }
        return result(findings);
    }

    /** The sample scan plus findings whose id, message and ARN have no place to break. */
    static ScanResult longData() {
        List<Finding> findings = new ArrayList<>(SampleScan.findings());
        ResourceRef tpl = ResourceRef.template("AWS::IAM::Role", LONG_ID, "cdk.out/" + "DeeplyNestedStageName".repeat(4)
                + ".template.json", 12345, "GenAiStack/" + "Construct/".repeat(10) + "Resource");
        ResourceRef live = ResourceRef.live("AWS::IAM::Role", LONG_ARN, LONG_ARN, "ap-southeast-2")
                .named("n".repeat(120), Map.of("k".repeat(80), "v".repeat(200)));
        findings.add(Finding.of(CHECKS[1], Status.FAIL, tpl, LONG_MESSAGE));
        findings.add(Finding.of(CHECKS[1], Status.PASS, live, LONG_MESSAGE));
        findings.add(Finding.of(CHECKS[0], Status.NOT_APPLICABLE, live, LONG_ARN));
        return result(findings);
    }

    private static ScanResult result(List<Finding> findings) {
        List<Check> checks = new ArrayList<>(SampleScan.checks());
        for (Check c : CHECKS) {
            if (checks.stream().noneMatch(x -> x.id().equals(c.id()))) {
                checks.add(c);
            }
        }
        ScanInfo scan = new ScanInfo(Instant.parse("2025-06-02T09:15:00Z"), Instant.parse("2025-06-02T09:45:00Z"), "123456789012",
                LONG_ARN.replace(":iam::", ":sts::"), List.of("us-east-1", "eu-west-1", "ap-southeast-2"), List.of());
        return ScanResult.of(scan, findings, checks);
    }
}
