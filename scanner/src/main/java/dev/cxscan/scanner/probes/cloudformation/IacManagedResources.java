package dev.cxscan.scanner.probes.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * REL-001: at least 80% of the scanned resources carry the aws:cloudformation:stack-name tag.
 *
 * <p>Judgment calls: the share counts only resources whose tags the probes read (a Tags or
 * FileSystemTags property; resources of services whose tags would need one more call per resource
 * are not counted rather than counted as untagged), and leaves out what AWS creates by itself: the
 * default VPC and its default subnets, default security groups and network ACLs, and service-linked
 * or Identity Center roles (paths /aws-service-role/ and /aws-reserved/). The message gives the share
 * and the untagged types. No countable resource is NOT_APPLICABLE. When a read that feeds the share failed,
 * the check is only ERROR: a share over part of the resources could be above or below the threshold.
 */
public final class IacManagedResources implements LiveCheck {
    static final Check CHECK = Check.of("iac_managed_resources",
            "At least 80% of the scanned resources carry the aws:cloudformation:stack-name tag", Severity.MEDIUM, "REL-001",
            "Deploy resources through CloudFormation or CDK (or import console-made resources into a stack) so that they are "
                    + "managed as code.");
    static final double THRESHOLD = 0.8;
    static final String TAG = "aws:cloudformation:stack-name";

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        int total = 0;
        int managed = 0;
        Map<String, Integer> untagged = new TreeMap<>();
        for (List<Resource> list : inventory.resourcesByRegion().values()) {
            for (Resource r : list) {
                JsonNode tags = r.has("Tags") ? r.property("Tags") : r.property("FileSystemTags");
                if (!tags.isArray() || awsCreated(r)) {
                    continue;
                }
                total++;
                boolean tagged = false;
                for (JsonNode t : tags) {
                    tagged |= TAG.equals(t.path("Key").asText());
                }
                if (tagged) {
                    managed++;
                } else {
                    untagged.merge(r.type(), 1, Integer::sum);
                }
            }
        }
        List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
        if (!errors.isEmpty()) {
            // a share over partly read resources could go either way: the unread ones may be tagged or not
            return errors;
        }
        List<Finding> out = new ArrayList<>();
        if (total == 0) {
            out.add(LiveChecks.finding(CHECK, Status.NOT_APPLICABLE, accountId, null, "no resource with readable tags was scanned"));
            return out;
        }
        double share = (double) managed / total;
        String pct = String.format(java.util.Locale.ROOT, "%.0f%%", share * 100);
        List<String> types = new ArrayList<>();
        untagged.forEach((t, n) -> types.add(t + " x" + n));
        String msg = managed + " of " + total + " resources (" + pct + ") carry the " + TAG + " tag"
                + (types.isEmpty() ? "" : "; untagged: " + LiveChecks.join(types, 8));
        out.add(0, LiveChecks.finding(CHECK, share >= THRESHOLD ? Status.PASS : Status.FAIL, accountId, null,
                msg + (share >= THRESHOLD ? "" : " (80% needed)")));
        return out;
    }

    static boolean awsCreated(Resource r) {
        return switch (r.type()) {
            case "AWS::EC2::VPC", "AWS::EC2::NetworkAcl" -> r.property("IsDefault").asBoolean(false);
            case "AWS::EC2::Subnet" -> r.property("DefaultForAz").asBoolean(false);
            case "AWS::EC2::SecurityGroup" -> "default".equals(r.property("GroupName").asText());
            case "AWS::IAM::Role" -> r.property("Path").asText("").startsWith("/aws-service-role/")
                    || r.property("Path").asText("").startsWith("/aws-reserved/");
            default -> false;
        };
    }
}
