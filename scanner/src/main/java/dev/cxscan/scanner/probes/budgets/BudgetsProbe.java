package dev.cxscan.scanner.probes.budgets;

import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;

/** AWS Budgets, global: DescribeBudgets (paginator) as the fact {@value #FACT}: [budget names]. */
public final class BudgetsProbe implements Probe {
    public static final String FACT = "budgets:DescribeBudgets";

    @Override
    public String service() {
        return "budgets";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("budgets:ViewBudget");
    }

    @Override
    public void read(ProbeContext c) {
        BudgetsClient budgets = c.clients().client(BudgetsClient.class, Region.AWS_GLOBAL);
        ProbeSupport.call(c, "budgets", "budgets:ViewBudget", null, List.of("budgets_present"),
                () -> budgets.describeBudgetsPaginator(b -> b.accountId(c.accountId())).budgets().stream().map(b -> b.budgetName()).toList())
                .ifPresent(names -> c.inventory().fact(FACT, ProbeSupport.strings(names)));
    }
}
