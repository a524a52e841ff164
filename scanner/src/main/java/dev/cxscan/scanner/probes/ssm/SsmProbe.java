package dev.cxscan.scanner.probes.ssm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DocumentKeyValuesFilter;

/** Systems Manager of one region: ListDocuments (paginator, Owner Self, DocumentType Automation) as the fact {@value #FACT}@region: [names]. */
public final class SsmProbe implements Probe {
    public static final String FACT = "ssm:AutomationDocuments";

    @Override
    public String service() {
        return "ssm";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("ssm:ListDocuments");
    }

    @Override
    public void read(ProbeContext c) {
        SsmClient ssm = c.clients().client(SsmClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "ssm", "ssm:ListDocuments", region, List.of("ssm_runbooks_present"),
                () -> ssm.listDocumentsPaginator(b -> b.filters(
                        DocumentKeyValuesFilter.builder().key("Owner").values("Self").build(),
                        DocumentKeyValuesFilter.builder().key("DocumentType").values("Automation").build()))
                        .documentIdentifiers().stream().map(d -> d.name()).toList())
                .ifPresent(names -> {
                    ArrayNode a = ProbeSupport.strings(names);
                    c.inventory().fact(FACT + "@" + region, a);
                });
    }
}
