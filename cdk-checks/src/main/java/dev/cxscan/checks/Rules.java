package dev.cxscan.checks;

import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Every rule on the classpath (META-INF/services/dev.cxscan.checks.Rule), in catalog order. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        ServiceLoader.load(Rule.class, Rules.class.getClassLoader()).forEach(rules::add);
        List<String> order = ControlCatalog.bundled().checks().stream().map(CatalogCheck::id).toList();
        rules.sort(Comparator.comparingInt((Rule r) -> {
            int i = order.indexOf(r.check().id());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(r -> r.check().id()));
        return List.copyOf(rules);
    }
}
