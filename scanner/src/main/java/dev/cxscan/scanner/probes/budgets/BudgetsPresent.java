package dev.cxscan.scanner.probes.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeError;
import dev.cxscan.scanner.probes.LiveChecks;
import dev.cxscan.scanner.probes.costexplorer.CostExplorerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * COST-001 hint (INFO): the AWS Budgets and Cost Anomaly Detection monitors of the account. INFO
 * when the budgets were read (an unreadable anomaly-monitor list is named in the message and stays a
 * probe error); ERROR when the budgets could not be read.
 */
public final class BudgetsPresent implements LiveCheck {
    static final Check CHECK = Check.of("budgets_present", "AWS Budgets and Cost Anomaly Detection monitors (hint)", Severity.INFO,
            "COST-001", "Create an AWS Budget with alerts and a Cost Anomaly Detection monitor for the workload.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Optional<JsonNode> budgets = inventory.fact(BudgetsProbe.FACT);
        List<ProbeError> errors = LiveChecks.errors(inventory, CHECK.id());
        if (budgets.isEmpty()) {
            List<Finding> out = new ArrayList<>();
            errors.stream().filter(e -> e.action().startsWith("budgets:"))
                    .forEach(e -> out.add(LiveChecks.finding(CHECK, Status.ERROR, accountId, null, "could not judge: " + LiveChecks.describe(e))));
            return out.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "budgets:ViewBudget")) : out;
        }
        List<String> names = new ArrayList<>();
        budgets.get().forEach(b -> names.add(b.asText()));
        String msg = names.isEmpty() ? "no AWS Budgets" : names.size() + " budget(s): " + LiveChecks.join(names, 10);
        Optional<JsonNode> monitors = inventory.fact(CostExplorerProbe.FACT);
        if (monitors.isPresent()) {
            List<String> m = new ArrayList<>();
            monitors.get().forEach(x -> m.add(x.asText()));
            msg += m.isEmpty() ? "; no Cost Anomaly Detection monitor" : "; " + m.size() + " anomaly monitor(s): " + LiveChecks.join(m, 10);
        } else {
            msg += errors.stream().filter(e -> e.action().startsWith("ce:")).findFirst()
                    .map(e -> "; anomaly monitors could not be read: " + LiveChecks.describe(e)).orElse("; anomaly monitors were not read");
        }
        return List.of(LiveChecks.finding(CHECK, Status.INFO, accountId, null, msg));
    }
}
