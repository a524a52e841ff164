package dev.cxscan.scanner.probes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A live check judged once per scanned region on a fact PREFIX@region: one finding per region with
 * the fact, one ERROR per region whose read failed, and one ERROR when no region was read at all.
 */
public abstract class RegionalFactCheck implements LiveCheck {
    private final String prefix;

    protected RegionalFactCheck(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public final List<Finding> evaluate(LiveInventory inventory, String accountId) {
        List<Finding> out = new ArrayList<>();
        Map<String, JsonNode> facts = LiveChecks.regional(inventory, prefix);
        facts.forEach((region, fact) -> out.add(judge(fact, accountId, region)));
        for (ProbeError e : LiveChecks.errors(inventory, check().id())) {
            if (e.region() == null || !facts.containsKey(e.region())) {
                out.add(LiveChecks.finding(check(), dev.cxscan.reports.Status.ERROR, accountId, e.region(),
                        "could not judge: " + LiveChecks.describe(e)));
            }
        }
        if (out.isEmpty()) {
            out.add(LiveChecks.noData(check(), accountId, null, prefix));
        }
        return out;
    }

    protected abstract Finding judge(JsonNode fact, String accountId, String region);

}
