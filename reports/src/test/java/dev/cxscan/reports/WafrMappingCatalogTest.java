package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The WAFR mapping lives in catalog.json: every control is waivable, ids are real, legacy aliases are there. */
class WafrMappingCatalogTest {
    private final ControlCatalog catalog = ControlCatalog.bundled();

    @Test
    void everyControlOfEveryFamilyMapsRequiredQuestionsWithRequiredChoices() {
        Set<String> families = new HashSet<>();
        for (Control c : catalog.controls()) {
            assertTrue(c.wafr().waivable(), c.id() + " has no required WAFR question");
            families.add(c.id().replaceAll("-\\d+$", ""));
            for (WafrMapping.Question q : c.wafr().questions()) {
                assertFalse(q.requiredChoices().isEmpty(), c.id() + " " + q.id() + " requires no choice");
                assertFalse(q.title().isBlank(), c.id() + " " + q.id() + " has no title");
                assertTrue(q.ref().matches("(SEC|REL|OPS|COST)\\d\\d"), q.ref());
                for (WafrMapping.Choice ch : q.requiredChoices()) {
                    assertFalse(ch.id().endsWith("_no"), "a 'None of these' choice cannot be required: " + ch.id());
                    assertTrue(ch.ref().startsWith(q.ref() + "-BP"), ch.id() + " " + ch.ref());
                }
            }
        }
        assertEquals(Set.of("ACCT", "NETSEC", "REL", "OPE", "DOC", "COST"), families);
    }

    @Test
    void carriesTheLegacyAliasesOfRenamedQuestionsAndChoices() {
        WafrMapping ope1 = catalog.control("OPE-001").orElseThrow().wafr();
        WafrMapping.Question observability = ope1.questions().stream().filter(q -> q.id().equals("observability")).findFirst().orElseThrow();
        assertEquals(List.of("telemetry"), observability.aliases());
        WafrMapping.Choice kpis = observability.requiredChoices().stream()
                .filter(c -> c.id().equals("ops_observability_identify_kpis")).findFirst().orElseThrow();
        assertEquals(List.of("ops_workload_health_define_workload_kpis"), kpis.aliases());
        assertTrue(kpis.aliasesApproximate());
        assertTrue(ope1.questions().stream().anyMatch(q -> q.aliases().contains("workload-health")));
    }

    /** Question and choice ids are the WA Tool's, as in the research catalog beside the checkout. */
    @Test
    void questionAndChoiceIdsAreInTheQuestionChoiceCatalog() throws IOException {
        Path tsv = Path.of("..", "..", "shared", "wafr", "wellarchitected-question-choice-catalog.tsv");
        if (!Files.exists(tsv)) {
            tsv = Path.of("..", "..", "..", "shared", "wafr", "wellarchitected-question-choice-catalog.tsv"); // worktrees
        }
        Assumptions.assumeTrue(Files.exists(tsv), "question/choice catalog not beside the checkout");
        Set<String> questions = new HashSet<>();
        Set<String> choices = new HashSet<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (!line.startsWith("#") && f.length > 3) {
                questions.add(f[1]);
                choices.add(f[3]);
            }
        }
        choices.add("ops_ready_to_support_const_orr"); // in the docs, missing from the scrape (RESEARCH.md)
        for (Control c : catalog.controls()) {
            for (WafrMapping.Question q : c.wafr().questions()) {
                assertTrue(questions.contains(q.id()), c.id() + ": unknown question " + q.id());
                for (WafrMapping.Choice ch : q.requiredChoices()) {
                    assertTrue(choices.contains(ch.id()), c.id() + ": unknown choice " + ch.id());
                }
            }
        }
    }
}
