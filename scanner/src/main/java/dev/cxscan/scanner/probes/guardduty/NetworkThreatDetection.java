package dev.cxscan.scanner.probes.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.probes.LiveChecks;
import dev.cxscan.scanner.probes.RegionalFactCheck;
import java.util.ArrayList;
import java.util.List;

/** NETSEC-001: GuardDuty has an ENABLED detector in each scanned region, one finding per region. */
public final class NetworkThreatDetection extends RegionalFactCheck {
    static final Check CHECK = Check.of("network_threat_detection", "GuardDuty has an enabled detector in the scanned region",
            Severity.MEDIUM, "NETSEC-001", "Enable GuardDuty in every region used (aws guardduty create-detector --enable), "
                    + "ideally for the whole organization from a delegated administrator account.");

    public NetworkThreatDetection() {
        super(GuardDutyProbe.FACT);
    }

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    protected Finding judge(JsonNode fact, String accountId, String region) {
        List<String> disabled = new ArrayList<>();
        for (JsonNode d : fact) {
            if ("ENABLED".equals(d.path("Status").asText())) {
                return LiveChecks.finding(CHECK, Status.PASS, accountId, region, "GuardDuty detector " + d.path("DetectorId").asText()
                        + " is enabled in " + region);
            }
            disabled.add(d.path("DetectorId").asText() + " (" + d.path("Status").asText() + ")");
        }
        return LiveChecks.finding(CHECK, Status.FAIL, accountId, region, disabled.isEmpty()
                ? "GuardDuty has no detector in " + region
                : "GuardDuty detector(s) in " + region + " not enabled: " + String.join(", ", disabled));
    }
}
