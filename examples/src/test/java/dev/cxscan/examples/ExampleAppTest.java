package dev.cxscan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.cdk.CompetencyChecks;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateLoader;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * Synthesizes the example app once with the cxscan aspect, as {@link GenAiApp#main} does, and
 * checks what a user would see: for every template check of the catalog (less {@link #NOT_EXERCISED})
 * a failing NoncompliantStack resource with an error (HIGH and above) or warning annotation on its
 * construct; no failure and no annotation on CompliantStack; and the aspect's per-stack reports
 * equal (check, logical id, status) to the template scan of the written templates.
 */
class ExampleAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STACKS = List.of("CompliantStack", "NoncompliantStack");

    private static Path outdir;
    private static CloudAssembly assembly;

    @BeforeAll
    static void synthesize() throws IOException {
        outdir = Files.createTempDirectory("cxscan-example");
        App app = GenAiApp.createApp(outdir.toString());
        Aspects.of(app).add(new CompetencyChecks());
        assembly = app.synth();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(outdir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** cxscan annotations of a stack: "level path message". */
    private static List<String> cxscanMessages(String stack) {
        Set<String> checkIds = ControlCatalog.bundled().checks().stream().map(CatalogCheck::id).collect(Collectors.toSet());
        CloudFormationStackArtifact artifact = assembly.getStackByName(stack);
        List<String> out = new ArrayList<>();
        artifact.getMessages().forEach(m -> {
            String text = String.valueOf(m.getEntry().getData());
            String first = text.split(" ", 2)[0];
            if (checkIds.contains(first) || text.startsWith("cxscan")) {
                out.add(m.getLevel().name() + " " + m.getId() + " " + text);
            }
        });
        return out;
    }

    /**
     * Template checks (source T or B in the catalog) that the example does not exercise, with the
     * reason; examples/README.md lists the same ones. Every other template check must fail on at
     * least one NoncompliantStack resource, so a new rule without such a resource fails this test.
     */
    static final Map<String, String> NOT_EXERCISED = Map.of(
            "redshift_cluster_encrypted", "no data warehouse in a RAG chat API (Redshift is analytics, not retrieval)",
            "redshift_require_ssl", "no data warehouse in a RAG chat API (Redshift is analytics, not retrieval)",
            "docdb_cluster_encrypted", "the vector stores are Aurora pgvector and OpenSearch; a third (DocumentDB) would be contrived",
            "docdb_tls_enabled", "the vector stores are Aurora pgvector and OpenSearch; a third (DocumentDB) would be contrived",
            "neptune_cluster_encrypted", "no graph store: GraphRAG on Bedrock uses Neptune Analytics graphs, not a Neptune DB cluster",
            "msk_cluster_encrypted", "the event stream is Kinesis; MSK only fails with TLS_PLAINTEXT clients, a contrived shortcut here");

    /** The template checks of the catalog (CHECKS.md) that NoncompliantStack must fail. */
    static Stream<String> expectedChecks() {
        return ControlCatalog.bundled().checks().stream()
                .filter(CatalogCheck::runsOnTemplates)
                .map(CatalogCheck::id)
                .filter(id -> !NOT_EXERCISED.containsKey(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedChecks")
    void noncompliantStackFailsAndIsAnnotatedFor(String checkId) throws IOException {
        CatalogCheck check = ControlCatalog.bundled().check(checkId).orElseThrow();
        assertTrue(Rules.all().stream().anyMatch(r -> r.check().id().equals(check.id())), "no rule implements " + check.id());
        List<Finding> failing = findings("NoncompliantStack").stream()
                .filter(f -> f.check().equals(check.id()) && f.status() == Status.FAIL).toList();
        assertFalse(failing.isEmpty(), "no NoncompliantStack resource fails " + check.id()
                + ": add one to the example (or list the check, with the reason, in NOT_EXERCISED and examples/README.md)");

        String level = check.severity().atLeast(Severity.HIGH) ? "ERROR" : "WARNING";
        String prefix = " " + check.id() + " (" + String.join(", ", check.controls()) + ") at NoncompliantStack/";
        List<String> messages = cxscanMessages("NoncompliantStack");
        for (Finding f : failing) {
            String path = f.resource().cdkPath();
            assertTrue(messages.stream().anyMatch(m -> m.startsWith(level + " /" + path + " ") && m.contains(prefix)
                            && m.contains("Remediation: ")),
                    check.id() + " on " + path + ": no " + level + " annotation; got:\n" + String.join("\n", messages));
        }
    }

    @Test
    void checksNotExercisedAreTemplateChecksWithoutAFailingResourceAndDocumented() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> failingChecks = findings("NoncompliantStack").stream()
                .filter(f -> f.status() == Status.FAIL).map(Finding::check).collect(Collectors.toSet());
        NOT_EXERCISED.forEach((id, reason) -> {
            assertTrue(ControlCatalog.bundled().check(id).map(CatalogCheck::runsOnTemplates).orElse(false), id + " is a template check");
            assertFalse(failingChecks.contains(id), id + " now fails on NoncompliantStack: remove it from NOT_EXERCISED and the README");
            assertTrue(readme.contains("`" + id + "`"), "examples/README.md lists " + id + " as not exercised");
        });
    }

    @Test
    void annotationsNameTheConstructPathTheyAreAttachedTo() {
        List<String> messages = cxscanMessages("NoncompliantStack");
        assertFalse(messages.isEmpty());
        for (String m : messages) {
            String[] parts = m.split(" ", 3); // LEVEL /construct/path check (controls) at construct/path: ...
            assertTrue(parts[2].contains(") at " + parts[1].substring(1) + ": "), m);
        }
    }

    @Test
    void compliantStackHasNoCxscanAnnotationsAndNoErrorAtAll() {
        assertEquals(List.of(), cxscanMessages("CompliantStack"));
        assertEquals(List.of(), assembly.getStackByName("CompliantStack").getMessages().stream()
                .filter(m -> m.getLevel().name().equals("ERROR")).map(m -> m.getId() + " " + m.getEntry().getData()).toList());
    }

    @Test
    void aspectReportsEqualTheTemplateScanOfEachSynthesizedStack() throws IOException {
        for (String stack : STACKS) {
            Path report = outdir.resolve(stack + ".cxscan.json");
            assertTrue(Files.exists(report), report + " written by the aspect");
            List<Finding> fromAspect = JsonReportWriter.mapper().convertValue(
                    JsonReportWriter.mapper().readTree(report.toFile()).path("findings"), new TypeReference<List<Finding>>() { });

            Diagnostics diagnostics = new Diagnostics();
            List<Template> templates = new TemplateLoader(diagnostics).load(List.of(outdir.resolve(stack + ".template.json")));
            assertEquals(List.of(), diagnostics.inputErrors());
            List<Finding> fromTemplate = RuleEngine.withAllRules().evaluate(templates.get(0).resourceSet(), diagnostics);

            assertEquals(keys(fromTemplate), keys(fromAspect), stack);
            assertFalse(fromTemplate.isEmpty(), stack);
        }
    }

    @Test
    void noncompliantFindingsFailAndCompliantFindingsPassOrAreSuppressedWithAReason() throws IOException {
        List<Finding> compliant = findings("CompliantStack");
        assertEquals(List.of(), compliant.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR)
                .map(f -> f.check() + " " + f.resource().cdkPath() + ": " + f.message()).toList());
        compliant.stream().filter(f -> f.status() == Status.SUPPRESSED)
                .forEach(f -> assertFalse(f.suppression().reason().isBlank(), f.toString()));
        assertTrue(findings("NoncompliantStack").stream().anyMatch(f -> f.status() == Status.FAIL));
    }

    @Test
    void committedCdkOutHasTheTemplatesTheAppSynthesizes() throws IOException {
        for (String stack : STACKS) {
            JsonNode fresh = JSON.readTree(outdir.resolve(stack + ".template.json").toFile());
            JsonNode committed = JSON.readTree(Path.of("cdk.out", stack + ".template.json").toFile());
            assertEquals(committed, fresh, stack + ": regenerate cdk.out with `mvn -B -q compile exec:java` in examples/");
            assertTrue(Files.exists(Path.of("cdk.out", stack + ".cxscan.json")), "committed cdk.out has the aspect's report for " + stack);
        }
    }

    private static List<Finding> findings(String stack) throws IOException {
        return JsonReportWriter.mapper().convertValue(
                JsonReportWriter.mapper().readTree(outdir.resolve(stack + ".cxscan.json").toFile()).path("findings"),
                new TypeReference<List<Finding>>() { });
    }

    private static Set<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.check() + " " + f.resource().id() + " " + f.status())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
