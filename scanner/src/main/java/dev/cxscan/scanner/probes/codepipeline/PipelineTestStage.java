package dev.cxscan.scanner.probes.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OPE-003 hint (INFO): which CodePipeline pipelines have a test step: an action of category Test,
 * or a stage or action whose name mentions "test" (build actions running tests are usually named
 * so). Never PASS or FAIL.
 */
public final class PipelineTestStage implements LiveCheck {
    static final Check CHECK = Check.of("pipeline_test_stage", "CodePipeline pipelines with a Test or build/test action (hint)",
            Severity.INFO, "OPE-003", "Add a test stage (CodeBuild test action) to the deployment pipeline before production.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Map<String, JsonNode> byRegion = LiveChecks.regional(inventory, CodePipelineProbe.FACT);
        List<Finding> out = new ArrayList<>(LiveChecks.errorFindings(CHECK, inventory, accountId));
        if (byRegion.isEmpty()) {
            return out.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "codepipeline:ListPipelines")) : out;
        }
        List<String> with = new ArrayList<>();
        List<String> without = new ArrayList<>();
        byRegion.forEach((region, pipelines) -> pipelines.forEach(p -> (hasTest(p) ? with : without)
                .add(p.path("Name").asText() + " (" + region + ")")));
        String msg = with.isEmpty() && without.isEmpty() ? "no CodePipeline pipelines"
                : (with.isEmpty() ? "" : "with a test step: " + LiveChecks.join(with, 10))
                + (with.isEmpty() || without.isEmpty() ? "" : "; ")
                + (without.isEmpty() ? "" : "without a test step: " + LiveChecks.join(without, 10));
        out.add(0, LiveChecks.finding(CHECK, Status.INFO, accountId, null, msg));
        return out;
    }

    static boolean hasTest(JsonNode pipeline) {
        for (JsonNode stage : pipeline.path("Stages")) {
            if (stage.path("Name").asText().toLowerCase(Locale.ROOT).contains("test")) {
                return true;
            }
            for (JsonNode a : stage.path("Actions")) {
                if (a.path("Category").asText().equals("Test") || a.path("Name").asText().toLowerCase(Locale.ROOT).contains("test")) {
                    return true;
                }
            }
        }
        return false;
    }
}
