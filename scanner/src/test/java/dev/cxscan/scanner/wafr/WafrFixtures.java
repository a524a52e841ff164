package dev.cxscan.scanner.wafr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.WafrMapping;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Review files in AWS CLI shape. */
public final class WafrFixtures {
    private WafrFixtures() {
    }

    /** {@code aws wellarchitected list-answers} output answering every mapped question with risk NONE. */
    public static ObjectNode fullListAnswers() {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (Control c : ControlCatalog.bundled().controls()) {
            for (WafrMapping.Question q : c.wafr().questions()) {
                titles.put(q.id(), q.title());
                q.requiredChoices().forEach(ch -> required.computeIfAbsent(q.id(), k -> new LinkedHashSet<>()).add(ch.id()));
            }
        }
        ObjectNode root = WaToolStub.JSON.createObjectNode();
        root.put("WorkloadId", WaToolStub.WORKLOAD);
        root.put("LensAlias", "wellarchitected");
        root.put("LensArn", "arn:aws:wellarchitected::aws:lens/wellarchitected");
        ArrayNode answers = root.putArray("AnswerSummaries");
        required.forEach((q, choices) -> {
            ObjectNode a = answers.addObject();
            a.put("QuestionId", q);
            a.put("PillarId", "security");
            a.put("QuestionTitle", titles.get(q));
            ArrayNode cs = a.putArray("Choices");
            ArrayNode sel = a.putArray("SelectedChoices");
            ArrayNode cas = a.putArray("ChoiceAnswerSummaries");
            for (String c : choices) {
                cs.addObject().put("ChoiceId", c).put("Title", c);
                sel.add(c);
                cas.addObject().put("ChoiceId", c).put("Status", "SELECTED");
            }
            String prefix = choices.iterator().next().replaceAll("_[a-z]+$", "");
            cs.addObject().put("ChoiceId", prefix + "_no").put("Title", "None of these");
            a.put("IsApplicable", true);
            a.put("Risk", "NONE");
            a.put("QuestionType", "NON_PRIORITIZED");
        });
        return root;
    }
}
