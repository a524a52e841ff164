package dev.cxscan.scanner.live;

import java.util.List;

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
     * The IAM actions this probe may call ("ec2:DescribeSecurityGroups"), from which the scan role's
     * read-only policy is built. Added for the probes; empty by default.
     */
    default List<String> iamActions() {
        return List.of();
    }
}
