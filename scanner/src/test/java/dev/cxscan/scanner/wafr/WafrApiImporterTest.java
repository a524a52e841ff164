package dev.cxscan.scanner.wafr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.wafr.WafrReview;
import dev.cxscan.reports.wafr.WafrRules;
import dev.cxscan.scanner.live.ClientSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/** The SDK 2.40.2 client against a loopback server answering in the WA Tool's wire format. */
class WafrApiImporterTest {
    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
    static final String BASE = "/workloads/" + WaToolStub.WORKLOAD;
    static final String LENS = BASE + "/lensReviews/wellarchitected";
    static final WafrApiImporter.WorkloadRef REF = WafrApiImporter.WorkloadRef.parse(
            "arn:aws:wellarchitected:us-east-1:111122223333:workload/" + WaToolStub.WORKLOAD);

    WaToolStub stub;
    final List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        stub = new WaToolStub().samples();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    WafrApiImporter importer() {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return new WafrApiImporter(new WafrApiImporter.Connection(Region.US_EAST_1, new ClientSettings(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret")), stub.endpoint(),
                List.of(recorder), List.of())));
    }

    Map<String, WafrRules.Decision> decide(WafrReview review, String account) {
        Map<String, WafrRules.Decision> m = new LinkedHashMap<>();
        WafrRules.decide(ControlCatalog.bundled(), review, new WafrRules.Context(account, "scanned account", NOW, 365), List.of())
                .forEach(d -> m.put(d.controlId(), d));
        return m;
    }

    @Test
    void readsWorkloadLensReviewAndEveryPageOfAnswers() {
        WafrReview review = importer().read(REF, "wellarchitected", null, false);
        assertEquals(List.of("securely-operate", "planning-for-recovery", "ready-to-support"),
                review.answers().stream().map(WafrReview.Answer::questionId).toList());
        assertTrue(stub.requests.stream().anyMatch(r -> r.startsWith("GET " + LENS + "/answers?")
                && r.contains("NextToken=eyJwYWdlIjoyfQ==")), stub.requests.toString());
        assertEquals(List.of("GetWorkload", "GetLensReview", "ListAnswers", "ListAnswers"), operations);
        assertTrue(WafrApiImporter.OPERATIONS.containsAll(operations));
        assertEquals("genai-claims-assistant-prod", review.workload().name());
        assertEquals(List.of("111122223333"), review.workload().accountIds());
        assertEquals(Instant.parse("2025-11-03T14:20:02.901Z"), review.lens().updatedAt());
        assertEquals("2025-02-25", review.lens().version());
        assertTrue(review.source().isApi());
        WafrReview.Answer ready = review.answer("ready-to-support").orElseThrow();
        assertEquals("BUSINESS_PRIORITIES", ready.choiceAnswer("ops_ready_to_support_enable_support_plans").orElseThrow().reason());

        Map<String, WafrRules.Decision> d = decide(review, "111122223333");
        assertTrue(d.get("OPE-002").waived(), d.get("OPE-002").summary());
        assertEquals("api", d.get("OPE-002").record().get("origin"));
        assertTrue(String.valueOf(d.get("OPE-002").record().get("endpoint")).startsWith("http://127.0.0.1:"));
        assertFalse(d.get("REL-002").waived());
        assertTrue(d.get("REL-002").summary().contains("REL13 planning-for-recovery: risk is HIGH (NONE needed)"), d.get("REL-002").summary());
        assertTrue(d.get("ACCT-001").summary().contains("SEC04 detect-investigate-events: not in the review"), d.get("ACCT-001").summary());
        assertFalse(d.get("OPE-003").waived(), "mit-deploy-risks is not answered");
    }

    @Test
    void aMilestonePinsEveryCallAndDatesTheReview() {
        WafrReview review = importer().read(REF, "wellarchitected", 3, false);
        assertEquals(3, review.milestone().number());
        assertEquals("WAFR 2025-11 partner review", review.milestone().name());
        assertEquals(Instant.parse("2025-11-03T15:02:10.044Z"), review.reviewDate().orElseThrow());
        assertEquals("GetMilestone", operations.get(0));
        assertTrue(stub.requests.contains("GET " + LENS + "?MilestoneNumber=3"), stub.requests.toString());
        assertTrue(stub.requests.stream().anyMatch(r -> r.startsWith("GET " + LENS + "/answers?") && r.contains("MilestoneNumber=3")));
        assertEquals(3, decide(review, "111122223333").get("OPE-002").record().get("milestone"));
    }

    @Test
    void notesComeFromGetAnswerForMappedQuestions() {
        stub.ok("GET " + LENS + "/answers/securely-operate", answerOf("securely-operate"))
                .ok("GET " + LENS + "/answers/ready-to-support", answerOf("ready-to-support"));
        WafrReview review = importer().read(REF, "wellarchitected", null, true);
        assertTrue(operations.contains("GetAnswer"));
        assertTrue(review.answer("planning-for-recovery").orElseThrow().notes().length() > 10);
    }

    private static ObjectNode answerOf(String question) {
        ObjectNode page = WaToolStub.sample(question.equals("ready-to-support") ? "list-answers.page2.wire.json" : "list-answers.page1.wire.json");
        ObjectNode out = WaToolStub.JSON.createObjectNode();
        out.put("WorkloadId", WaToolStub.WORKLOAD);
        out.put("LensAlias", "wellarchitected");
        for (var a : page.get("AnswerSummaries")) {
            if (a.get("QuestionId").asText().equals(question)) {
                ObjectNode answer = ((ObjectNode) a).deepCopy();
                answer.set("ChoiceAnswers", answer.remove("ChoiceAnswerSummaries"));
                answer.put("Notes", "reviewed with the customer");
                out.set("Answer", answer);
            }
        }
        return out;
    }

    @Test
    void aLegacyLensIsAcceptedAndMarked() {
        ObjectNode lens = WaToolStub.sample("get-lens-review.wire.json");
        ((ObjectNode) lens.get("LensReview")).put("LensStatus", "NOT_CURRENT").put("LensVersion", "2020-07-02");
        stub.ok("GET " + LENS, lens);
        WafrRules.Decision d = decide(importer().read(REF, "wellarchitected", null, false), "111122223333").get("OPE-002");
        assertTrue(d.waived(), d.summary());
        assertEquals(true, d.record().get("legacy"));
        assertTrue(d.summary().contains("wellarchitected 2020-07-02 legacy"), d.summary());

        ((ObjectNode) lens.get("LensReview")).put("LensStatus", "DEPRECATED");
        stub.ok("GET " + LENS, lens);
        WafrRules.Decision deprecated = decide(importer().read(REF, "wellarchitected", null, false), "111122223333").get("OPE-002");
        assertFalse(deprecated.waived());
        assertTrue(deprecated.summary().contains("the lens status is DEPRECATED"), deprecated.summary());
    }

    @Test
    void aPreproductionWorkloadWaivesNothingAndSaysWhy() {
        ObjectNode w = WaToolStub.sample("get-workload.wire.json");
        ((ObjectNode) w.get("Workload")).put("Environment", "PREPRODUCTION");
        stub.ok("GET " + BASE, w);
        WafrReview review = importer().read(REF, "wellarchitected", null, false);
        assertEquals("PREPRODUCTION", review.workload().environment());
        Map<String, WafrRules.Decision> d = decide(review, "111122223333");
        assertTrue(d.values().stream().noneMatch(WafrRules.Decision::waived), "OPE-002 was waived for PRODUCTION");
        assertTrue(d.get("OPE-002").summary().contains("the review's workload environment is PREPRODUCTION; the checklist "
                + "accepts production customer examples only"), d.get("OPE-002").summary());

        ((ObjectNode) w.get("Workload")).remove("Environment");
        stub.ok("GET " + BASE, w);
        WafrRules.Decision unknown = decide(importer().read(REF, "wellarchitected", null, false), "111122223333").get("OPE-002");
        assertFalse(unknown.waived());
        assertTrue(unknown.summary().contains("environment is not recorded (no Environment field)"), unknown.summary());
    }

    @Test
    void aReviewOfThe2020LensWaivesThroughItsOldQuestionAndChoiceIds() {
        stub.ok("GET " + LENS, WaToolStub.sample("legacy-2020/get-lens-review.wire.json"))
                .ok("GET " + LENS + "/answers", WaToolStub.sample("legacy-2020/list-answers.wire.json"));
        WafrReview review = importer().read(REF, "wellarchitected", null, false);
        assertEquals(List.of("telemetry", "ready-to-support", "workload-health"),
                review.answers().stream().map(WafrReview.Answer::questionId).toList());
        Map<String, WafrRules.Decision> d = decide(review, "111122223333");
        WafrRules.Decision ope1 = d.get("OPE-001");
        assertTrue(ope1.waived(), ope1.summary());
        assertTrue(ope1.summary().contains("wellarchitected 2020-07-02 legacy"), ope1.summary());
        WafrRules.QuestionOutcome observability = ope1.questions().get(0);
        assertEquals("telemetry", observability.answeredAs());
        assertEquals(List.of("workload-health"), observability.alsoAnsweredAs());
        assertEquals(List.of("ops_workload_health_define_workload_kpis", "ops_telemetry_application_telemetry"),
                observability.selectedRequired());
        assertEquals("workload-health", ope1.questions().get(1).answeredAs());
        assertEquals(List.of("OPE-001", "OPE-002"), d.values().stream().filter(WafrRules.Decision::waived)
                .map(WafrRules.Decision::controlId).toList());
    }

    @Test
    void aReviewOfAnotherAccountWaivesNothing() {
        ObjectNode w = WaToolStub.sample("get-workload.wire.json");
        ((ObjectNode) w.get("Workload")).put("Owner", "444455556666").set("AccountIds",
                WaToolStub.JSON.createArrayNode().add("444455556666"));
        stub.ok("GET " + BASE, w);
        Map<String, WafrRules.Decision> d = decide(importer().read(REF, "wellarchitected", null, false), "111122223333");
        assertTrue(d.values().stream().noneMatch(WafrRules.Decision::waived));
        assertTrue(d.get("OPE-002").summary().contains("the review is of another account: account 111122223333"), d.get("OPE-002").summary());
    }

    @Test
    void aStaleReviewWaivesNothing() {
        ObjectNode lens = WaToolStub.sample("get-lens-review.wire.json");
        ((ObjectNode) lens.get("LensReview")).put("UpdatedAt", 1700000000.5); // 2023-11-14
        stub.ok("GET " + LENS, lens);
        WafrRules.Decision d = decide(importer().read(REF, "wellarchitected", null, false), "111122223333").get("OPE-002");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("the review is stale: lens review UpdatedAt 2023-11-14 is 792 days old"), d.summary());
    }

    @Test
    void aQuestionAnsweredNoneOfTheseWaivesNothing() {
        ObjectNode page2 = WaToolStub.sample("list-answers.page2.wire.json");
        ObjectNode ready = (ObjectNode) page2.get("AnswerSummaries").get(0);
        ArrayNode selected = (ArrayNode) ready.get("SelectedChoices");
        selected.add("ops_ready_to_support_no");
        stub.ok("GET " + LENS + "/answers?NextToken=eyJwYWdlIjoyfQ==", page2);
        WafrRules.Decision d = decide(importer().read(REF, "wellarchitected", null, false), "111122223333").get("OPE-002");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("\"None of these\" (ops_ready_to_support_no) is selected"), d.summary());
    }

    @Test
    void accessDeniedNotFoundAndThrottlingAreExplained() {
        stub.error("GET " + BASE, 403, "AccessDeniedException", "User is not authorized to perform wellarchitected:GetWorkload");
        WafrApiImporter.WafrApiException denied = assertThrows(WafrApiImporter.WafrApiException.class,
                () -> importer().read(REF, "wellarchitected", null, false));
        assertTrue(denied.getMessage().contains("access denied to GetWorkload on workload " + WaToolStub.WORKLOAD), denied.getMessage());
        assertTrue(denied.getMessage().contains("needs wellarchitected:GetWorkload"), denied.getMessage());

        stub.samples();
        stub.routes.remove("GET " + BASE + "/milestones/3");
        WafrApiImporter.WafrApiException missing = assertThrows(WafrApiImporter.WafrApiException.class,
                () -> importer().read(REF, "wellarchitected", 3, false));
        assertTrue(missing.getMessage().contains("GetMilestone: not found"), missing.getMessage());

        stub.error("GET " + LENS + "/answers", 429, "ThrottlingException", "Rate exceeded");
        int before = stub.requests.size();
        WafrApiImporter.WafrApiException throttled = assertThrows(WafrApiImporter.WafrApiException.class,
                () -> importer().read(REF, "wellarchitected", null, false));
        assertTrue(throttled.getMessage().contains("ListAnswers still throttled after retries: Rate exceeded"), throttled.getMessage());
        long attempts = stub.requests.subList(before, stub.requests.size()).stream().filter(r -> r.contains("/answers")).count();
        assertTrue(attempts > 1, "the SDK retried: " + attempts);
    }

    @Test
    void parsesWorkloadIdsAndArns() {
        assertEquals("us-east-1", REF.region());
        assertEquals("111122223333", REF.account());
        assertNull(WafrApiImporter.WorkloadRef.parse(WaToolStub.WORKLOAD).region());
        assertThrows(IllegalArgumentException.class, () -> WafrApiImporter.WorkloadRef.parse("my-workload"));
        assertEquals(List.of("wellarchitected:GetWorkload", "wellarchitected:GetMilestone", "wellarchitected:GetLensReview",
                "wellarchitected:ListAnswers", "wellarchitected:GetAnswer"), WafrApiImporter.IAM_ACTIONS);
    }
}
