package dev.cxscan.scanner.probes.guardduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

/** GuardDuty of one region: ListDetectors (paginator) and GetDetector, as the fact {@value #FACT}@region: [{"DetectorId", "Status"}]. */
public final class GuardDutyProbe implements Probe {
    public static final String FACT = "guardduty:Detectors";
    private static final List<String> CHECKS = List.of("network_threat_detection");

    @Override
    public String service() {
        return "guardduty";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("guardduty:ListDetectors", "guardduty:GetDetector");
    }

    @Override
    public void read(ProbeContext c) {
        GuardDutyClient gd = c.clients().client(GuardDutyClient.class, c.region());
        String region = c.region().id();
        Optional<List<String>> ids = ProbeSupport.call(c, "guardduty", "guardduty:ListDetectors", region, CHECKS,
                () -> gd.listDetectorsPaginator(b -> { }).detectorIds().stream().toList());
        if (ids.isEmpty()) {
            return;
        }
        ArrayNode detectors = ProbeSupport.arr();
        for (String id : ids.get()) {
            var status = ProbeSupport.call(c, "guardduty", "guardduty:GetDetector", region, CHECKS,
                    () -> gd.getDetector(b -> b.detectorId(id)).statusAsString());
            if (status.isEmpty()) {
                return; // an unread detector might be the enabled one: the error decides
            }
            detectors.addObject().put("DetectorId", id).put("Status", status.get());
        }
        c.inventory().fact(FACT + "@" + region, detectors);
    }
}
