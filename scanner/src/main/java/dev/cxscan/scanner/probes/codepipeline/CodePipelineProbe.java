package dev.cxscan.scanner.probes.codepipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;

/**
 * CodePipeline of one region: ListPipelines (paginator) and GetPipeline per pipeline (the listing has
 * no stages), as the fact {@value #FACT}@region: [{"Name", "Stages": [{"Name", "Actions": [{"Name",
 * "Category", "Provider"}]}]}].
 */
public final class CodePipelineProbe implements Probe {
    public static final String FACT = "codepipeline:Pipelines";
    private static final List<String> CHECKS = List.of("pipeline_test_stage");

    @Override
    public String service() {
        return "codepipeline";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("codepipeline:ListPipelines", "codepipeline:GetPipeline");
    }

    @Override
    public void read(ProbeContext c) {
        CodePipelineClient cp = c.clients().client(CodePipelineClient.class, c.region());
        String region = c.region().id();
        Optional<List<String>> names = ProbeSupport.call(c, "codepipeline", "codepipeline:ListPipelines", region, CHECKS,
                () -> cp.listPipelinesPaginator(b -> { }).pipelines().stream().map(p -> p.name()).toList());
        if (names.isEmpty()) {
            return;
        }
        ArrayNode pipelines = ProbeSupport.arr();
        for (String name : names.get()) {
            Optional<PipelineDeclaration> p = ProbeSupport.call(c, "codepipeline", "codepipeline:GetPipeline", region, CHECKS,
                    () -> cp.getPipeline(b -> b.name(name)).pipeline());
            if (p.isEmpty()) {
                continue;
            }
            ObjectNode o = pipelines.addObject();
            o.put("Name", name);
            ArrayNode stages = o.putArray("Stages");
            p.get().stages().forEach(s -> {
                ObjectNode so = stages.addObject();
                so.put("Name", s.name());
                ArrayNode actions = so.putArray("Actions");
                s.actions().forEach(a -> actions.addObject().put("Name", a.name())
                        .put("Category", a.actionTypeId() == null ? null : a.actionTypeId().categoryAsString())
                        .put("Provider", a.actionTypeId() == null ? null : a.actionTypeId().provider()));
            });
        }
        c.inventory().fact(FACT + "@" + region, pipelines);
    }
}
