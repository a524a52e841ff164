package dev.cxscan.scanner.probes.costexplorer;

import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/** Cost Anomaly Detection, global: GetAnomalyMonitors (paginator) as the fact {@value #FACT}: [monitor names]. */
public final class CostExplorerProbe implements Probe {
    public static final String FACT = "ce:GetAnomalyMonitors";

    @Override
    public String service() {
        return "ce";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("ce:GetAnomalyMonitors");
    }

    @Override
    public void read(ProbeContext c) {
        CostExplorerClient ce = c.clients().client(CostExplorerClient.class, Region.US_EAST_1);
        ProbeSupport.call(c, "ce", "ce:GetAnomalyMonitors", null, List.of("budgets_present"),
                () -> ce.getAnomalyMonitorsPaginator(b -> { }).anomalyMonitors().stream().map(m -> m.monitorName()).toList())
                .ifPresent(names -> c.inventory().fact(FACT, ProbeSupport.strings(names)));
    }
}
