package dev.cxscan.scanner.probes.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.Facts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An organization trail whose bucket lives in the log-archive account: MANUAL (INFO) with the bucket name, not FAIL. */
class TrailBucketFindingsTest {

    @Test
    void bucketOutsideTheAccountBecomesManualInfo() {
        LiveInventory inv = new LiveInventory();
        Resource trail = Resource.live("AWS::CloudTrail::Trail", "org-trail", "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail",
                "us-east-1", (com.fasterxml.jackson.databind.node.ObjectNode) Facts.json(
                        "{\"S3BucketName\":\"central-logs\",\"IsMultiRegionTrail\":true,\"IsLogging\":true,\"IsOrganizationTrail\":true}"));
        inv.add("us-east-1", trail);
        inv.add("us-east-1", Facts.live("AWS::S3::Bucket", "app-data", "us-east-1", "{\"BucketName\":\"app-data\"}"));
        List<Finding> rules = Facts.scan(inv).stream().filter(f -> f.check().startsWith("cloudtrail_bucket_")).toList();
        assertEquals(3, rules.size(), rules.toString());
        for (Finding f : rules) {
            assertEquals(Status.INFO, f.status(), f.message());
            assertTrue(f.message().startsWith("MANUAL: trail bucket central-logs") && f.message().contains("999988887777"), f.message());
        }
    }

    @Test
    void bucketsNotListedKeepTheFail() {
        LiveInventory inv = new LiveInventory();
        inv.add("us-east-1", Facts.live("AWS::CloudTrail::Trail", "t", "us-east-1", "{\"S3BucketName\":\"somewhere\"}"));
        inv.error(new dev.cxscan.scanner.live.ProbeError("s3", "s3:ListAllMyBuckets", "AccessDenied", "no", null, List.of()));
        Finding f = Facts.scan(inv).stream().filter(x -> x.check().equals("cloudtrail_bucket_not_public")).findFirst().orElseThrow();
        assertEquals(Status.FAIL, f.status());
    }
}
