package dev.cxscan.scanner.live;

/**
 * Reads one AWS service for a live scan and records what it finds in CloudFormation shape (so the
 * template rules judge it too) plus account facts for the live-only checks. One probe per service,
 * in package dev.cxscan.scanner.probes.&lt;service&gt;, registered in
 * META-INF/services/dev.cxscan.scanner.live.Probe.
 *
 * <p>A probe never writes to the account (the read-only guard refuses it anyway), always uses the
 * SDK paginators, and never throws for an AWS error: it records a {@link ProbeError} naming the API
 * action, the error code and the checks that could not be judged, so they report ERROR, never PASS.
 */
public interface Probe {
    enum Scope {
        /** Read once per account (IAM, account, organizations). */
        GLOBAL,
        /** Read in every scanned region. */
        REGIONAL
    }

    /** Service name for progress lines and errors, e.g. "ec2". */
    String service();

    Scope scope();

    /** Reads the service in {@code context.region()} (or globally) into {@code context.inventory()}. */
    void read(ProbeContext context);

    /**
     * The IAM actions this probe may call, e.g. "ec2:DescribeSecurityGroups" (for S3 the IAM action,
     * e.g. "s3:GetEncryptionConfiguration" for GetBucketEncryption). The shipped read-only policy
     * (cxscan-readonly-policy.json) must equal the union of every probe's actions plus the core's
     * ({@link ReadOnlyPolicy#CORE_ACTIONS}); a test holds it to that.
     */
    default java.util.List<String> iamActions() {
        return java.util.List.of();
    }

    /**
     * The CloudFormation types this probe records in the inventory, e.g. AWS::EC2::SecurityGroup. A live scan runs
     * a rule only when the probes of the scan read the types it depends on ({@code Rule.resourceTypes()} and
     * {@code Rule.lookedUpTypes()}, see {@link LiveRuleSelection}), so a probe must declare each type it produces; a
     * probe of account facts only declares none.
     */
    default java.util.Set<String> resourceTypes() {
        return java.util.Set.of();
    }

    /**
     * Ids of the checks this probe's data feeds. If {@link #read} throws (it should record a
     * {@link ProbeError} instead) these checks get ERROR findings for the region.
     */
    default java.util.List<String> checks() {
        return java.util.List.of();
    }
}
