package dev.cxscan.scanner.live;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import java.util.List;

/**
 * A live-only check of CHECKS.md (source L, or an H hint): judges account facts rather than
 * resources, e.g. root_mfa_enabled on iam:GetAccountSummary. One class per check in
 * dev.cxscan.scanner.probes.&lt;service&gt;, registered in META-INF/services/dev.cxscan.scanner.live.LiveCheck.
 * With no data to judge it returns one ERROR (the probe failed) or NOT_APPLICABLE finding, never nothing.
 */
public interface LiveCheck {
    Check check();

    List<Finding> evaluate(LiveInventory inventory, String accountId);
}
