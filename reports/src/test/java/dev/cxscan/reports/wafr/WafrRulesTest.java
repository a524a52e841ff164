package dev.cxscan.reports.wafr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.ControlResult;
import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.WafrMapping;
import dev.cxscan.reports.json.JsonReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WafrRulesTest {
    static final String ACCOUNT = "111122223333";
    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
    static final Instant REVIEWED = Instant.parse("2025-11-03T14:20:02Z");
    static final WafrRules.Context CTX = new WafrRules.Context(ACCOUNT, "scanned account", NOW, 365);
    final ControlCatalog catalog = ControlCatalog.bundled();

    /** An answer that satisfies the mapping: applicable, risk NONE, every required choice selected. */
    static WafrReview.Answer good(WafrMapping.Question q) {
        List<String> selected = q.requiredChoices().stream().map(WafrMapping.Choice::id).collect(Collectors.toList());
        String prefix = q.requiredChoices().get(0).id().replaceAll("_[a-z]+$", "");
        Map<String, String> titles = new LinkedHashMap<>();
        selected.forEach(c -> titles.put(c, c));
        titles.put(prefix + "_no", "None of these");
        List<WafrReview.ChoiceAnswer> cas = selected.stream()
                .map(c -> new WafrReview.ChoiceAnswer(c, "SELECTED", null, null)).toList();
        return new WafrReview.Answer(q.id(), "security", q.title(), "NONE", true, null, selected, cas, titles, null);
    }

    /** A review answering every mapped question well, with {@code change} applied to each answer. */
    static WafrReview review(UnaryOperator<WafrReview.Answer> change, String lensStatus, Instant date, List<String> accounts) {
        // a question can be required by several controls with different choices (ready-to-support: OPE-002, OPE-003)
        Map<String, WafrMapping.Question> merged = new LinkedHashMap<>();
        for (Control c : ControlCatalog.bundled().controls()) {
            for (WafrMapping.Question q : c.wafr().questions()) {
                merged.merge(q.id(), q, (a, b) -> {
                    List<WafrMapping.Choice> all = new ArrayList<>(a.requiredChoices());
                    all.addAll(b.requiredChoices());
                    return new WafrMapping.Question(a.id(), a.ref(), a.title(), a.aliases(), all, List.of());
                });
            }
        }
        Map<String, WafrReview.Answer> answers = new LinkedHashMap<>();
        merged.values().forEach(q -> answers.put(q.id(), change.apply(good(q))));
        WafrReview.Workload w = new WafrReview.Workload("4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f",
                "arn:aws:wellarchitected:us-east-1:111122223333:workload/4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f",
                "genai-claims-assistant-prod", accounts.get(0), accounts, "PRODUCTION", "gov@example.com",
                "https://wiki.example.com/arch", date);
        WafrReview.LensReview lens = new WafrReview.LensReview("wellarchitected",
                "arn:aws:wellarchitected::aws:lens/wellarchitected", "2025-02-25", "AWS Well-Architected Framework",
                lensStatus, date);
        return new WafrReview(WafrReview.Source.files(List.of(new WafrReview.SourceFile("review.json", "ab12cd", "list-answers"))),
                w, lens, null, new ArrayList<>(answers.values()));
    }

    static WafrReview review(UnaryOperator<WafrReview.Answer> change) {
        return review(change, "CURRENT", REVIEWED, List.of(ACCOUNT));
    }

    static WafrReview.Answer withRisk(WafrReview.Answer a, String risk) {
        return new WafrReview.Answer(a.questionId(), a.pillarId(), a.title(), risk, a.applicable(), a.reason(),
                a.selectedChoices(), a.choiceAnswers(), a.choiceTitles(), a.notes());
    }

    static WafrReview.Answer withSelected(WafrReview.Answer a, List<String> selected, List<WafrReview.ChoiceAnswer> cas) {
        return new WafrReview.Answer(a.questionId(), a.pillarId(), a.title(), a.risk(), a.applicable(), a.reason(),
                selected, cas, a.choiceTitles(), a.notes());
    }

    Map<String, WafrRules.Decision> decide(WafrReview review, WafrRules.Context ctx, List<Finding> findings) {
        Map<String, WafrRules.Decision> m = new LinkedHashMap<>();
        WafrRules.decide(catalog, review, ctx, findings).forEach(d -> m.put(d.controlId(), d));
        return m;
    }

    @Test
    void aReviewAnsweringEveryMappedQuestionWaivesEveryControl() {
        Map<String, WafrRules.Decision> d = decide(review(a -> a), CTX, List.of());
        for (WafrRules.Decision x : d.values()) {
            assertTrue(x.waived(), x.controlId() + ": " + x.summary());
            assertTrue(x.summary().startsWith("WAIVED by Well-Architected review genai-claims-assistant-prod "
                    + "(wellarchitected 2025-02-25, 2025-11-03, from review.json sha256 ab12cd)"), x.summary());
        }
        Map<String, Object> rec = d.get("NETSEC-002").record();
        assertEquals("WAIVED", rec.get("outcome"));
        assertEquals("file", rec.get("origin"));
        assertEquals("2025-02-25", rec.get("lensVersion"));
        assertEquals(false, rec.get("legacy"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> qs = (List<Map<String, Object>>) rec.get("questions");
        assertEquals(List.of("protect-data-rest", "protect-data-transit"), qs.stream().map(q -> q.get("id")).toList());
        assertEquals(List.of("sec_protect_data_rest_key_mgmt", "sec_protect_data_rest_encrypt"), qs.get(0).get("selectedRequiredChoices"));
        assertEquals("NONE", qs.get(0).get("risk"));
        assertEquals("SEC08", qs.get(0).get("ref"));
        assertEquals("https://wiki.example.com/arch", d.get("DOC-001").record().get("architecturalDesign"));
    }

    @Test
    void riskOtherThanNoneRefusesWithTheRiskAsReason() {
        WafrReview r = review(a -> a.questionId().equals("planning-for-recovery") ? withRisk(a, "HIGH") : a);
        Map<String, WafrRules.Decision> d = decide(r, CTX, List.of());
        assertFalse(d.get("REL-002").waived());
        assertTrue(d.get("REL-002").summary().contains("REL13 planning-for-recovery: risk is HIGH (NONE needed)"),
                d.get("REL-002").summary());
        assertTrue(d.get("REL-001").waived());
        @SuppressWarnings("unchecked")
        Map<String, Object> q = ((List<Map<String, Object>>) d.get("REL-002").record().get("questions")).get(0);
        assertEquals(false, q.get("counts"));
        assertEquals("risk is HIGH (NONE needed)", q.get("reason"));
    }

    @Test
    void noneOfTheseSelectedRefusesEvenWithRiskNone() {
        WafrReview r = review(a -> a.questionId().equals("network-protection")
                ? withSelected(a, List.of("sec_network_protection_no"), List.of()) : a);
        WafrRules.Decision d = decide(r, CTX, List.of()).get("NETSEC-001");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("\"None of these\" (sec_network_protection_no) is selected"), d.summary());
    }

    @Test
    void aMissingRequiredChoiceIsTheFirstReasonAndNotApplicableChoicesNeedAReason() {
        // ready-to-support: use_playbooks missing -> OPE-002 refused naming it
        WafrReview missing = review(a -> a.questionId().equals("ready-to-support") ? withSelected(a,
                a.selectedChoices().stream().filter(c -> !c.equals("ops_ready_to_support_use_playbooks")).toList(), List.of()) : a);
        WafrRules.Decision d = decide(missing, CTX, List.of()).get("OPE-002");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("required choice ops_ready_to_support_use_playbooks (OPS07-BP04"), d.summary());

        // marked not applicable with a reason: counts, and is recorded
        List<WafrReview.ChoiceAnswer> na = List.of(new WafrReview.ChoiceAnswer("ops_ready_to_support_use_playbooks",
                "NOT_APPLICABLE", "BUSINESS_PRIORITIES", null));
        WafrReview withReason = review(a -> a.questionId().equals("ready-to-support") ? withSelected(a,
                a.selectedChoices().stream().filter(c -> !c.equals("ops_ready_to_support_use_playbooks")).toList(), na) : a);
        WafrRules.Decision ok = decide(withReason, CTX, List.of()).get("OPE-002");
        assertTrue(ok.waived(), ok.summary());
        assertTrue(ok.summary().contains("not applicable: ops_ready_to_support_use_playbooks (BUSINESS_PRIORITIES)"), ok.summary());

        // marked not applicable with reason NONE: does not count
        List<WafrReview.ChoiceAnswer> naNone = List.of(new WafrReview.ChoiceAnswer("ops_ready_to_support_use_playbooks",
                "NOT_APPLICABLE", "NONE", null));
        WafrReview noReason = review(a -> a.questionId().equals("ready-to-support") ? withSelected(a,
                a.selectedChoices().stream().filter(c -> !c.equals("ops_ready_to_support_use_playbooks")).toList(), naNone) : a);
        WafrRules.Decision refused = decide(noReason, CTX, List.of()).get("OPE-002");
        assertFalse(refused.waived());
        assertTrue(refused.summary().contains("is marked not applicable without a reason"), refused.summary());
    }

    @Test
    void aNotApplicableQuestionWaivesNothing() {
        WafrReview r = review(a -> a.questionId().equals("type-size-number-resources")
                ? new WafrReview.Answer(a.questionId(), a.pillarId(), a.title(), "NOT_APPLICABLE", false, "OUT_OF_SCOPE",
                List.of(), List.of(), a.choiceTitles(), null) : a);
        WafrRules.Decision d = decide(r, CTX, List.of()).get("COST-001");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("marked not applicable (OUT_OF_SCOPE)"), d.summary());
    }

    @Test
    void anUnansweredQuestionOrOneMissingFromTheReviewRefuses() {
        WafrReview unanswered = review(a -> a.questionId().equals("identities") ? withRisk(a, "UNANSWERED") : a);
        assertTrue(decide(unanswered, CTX, List.of()).get("ACCT-002").summary().contains("SEC02 identities: unanswered"));
        WafrReview r = review(a -> a);
        WafrReview without = new WafrReview(r.source(), r.workload(), r.lens(), r.milestone(),
                r.answers().stream().filter(a -> !a.questionId().equals("permissions")).toList());
        WafrRules.Decision d = decide(without, CTX, List.of()).get("ACCT-002");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("SEC03 permissions: not in the review (no answer to permissions)"), d.summary());
    }

    @Test
    void legacyQuestionAndChoiceIdsCountAndAreFlagged() {
        WafrReview r = review(a -> {
            if (!a.questionId().equals("observability")) {
                return a;
            }
            List<String> legacy = List.of("ops_workload_health_define_workload_kpis", "ops_telemetry_application_telemetry");
            return new WafrReview.Answer("telemetry", a.pillarId(), "How do you design your workload so that you can "
                    + "understand its state?", "NONE", true, null, legacy, List.of(), Map.of(), null);
        }, "NOT_CURRENT", REVIEWED, List.of(ACCOUNT));
        WafrRules.Decision d = decide(r, CTX, List.of()).get("OPE-001");
        assertTrue(d.waived(), d.summary());
        assertEquals(true, d.record().get("legacy"));
        assertTrue(d.summary().contains("wellarchitected 2025-02-25 legacy"), d.summary());
        @SuppressWarnings("unchecked")
        Map<String, Object> q = ((List<Map<String, Object>>) d.record().get("questions")).get(0);
        assertEquals("telemetry", q.get("answeredAs"));
        String legacy = String.valueOf(q.get("legacy"));
        assertTrue(legacy.contains("ops_workload_health_define_workload_kpis (legacy-approximate for ops_observability_identify_kpis)"), legacy);
        assertTrue(legacy.contains("ops_telemetry_application_telemetry (legacy id of ops_observability_application_telemetry)"), legacy);
    }

    /** The review with the workload's Environment replaced (null: the field is absent). */
    static WafrReview withEnvironment(WafrReview r, String environment) {
        WafrReview.Workload w = r.workload();
        return new WafrReview(r.source(), new WafrReview.Workload(w.id(), w.arn(), w.name(), w.owner(), w.accountIds(),
                environment, w.reviewOwner(), w.architecturalDesign(), w.updatedAt()), r.lens(), r.milestone(), r.answers());
    }

    static final String PREPRODUCTION_REASON = "the review's workload environment is PREPRODUCTION; the checklist "
            + "accepts production customer examples only";

    @Test
    void aPreproductionReviewWaivesNothingAndEveryRecordSaysWhy() {
        WafrReview r = withEnvironment(review(a -> a), "PREPRODUCTION");
        Map<String, WafrRules.Decision> d = decide(r, CTX, List.of());
        for (WafrRules.Decision x : d.values()) {
            assertFalse(x.waived(), x.controlId() + ": " + x.summary());
            assertTrue(x.summary().contains(PREPRODUCTION_REASON), x.summary());
            assertEquals(List.of(PREPRODUCTION_REASON), x.record().get("reviewReasons"));
            assertEquals("PREPRODUCTION", x.record().get("environment"));
        }
        Map<String, Object> review = WafrRules.reviewRecord(r, CTX, new ArrayList<>(d.values()));
        assertEquals(false, review.get("counts"));
        assertEquals(List.of(), review.get("waivedControls"));
        assertTrue(String.valueOf(review.get("summary")).contains("does not count: " + PREPRODUCTION_REASON), review.toString());
        // wafr show without an account checks the environment all the same
        assertTrue(WafrRules.reviewReasons(r, WafrRules.Context.accountUnchecked(NOW, 365)).contains(PREPRODUCTION_REASON));
    }

    @Test
    void aReviewWithoutAnEnvironmentCannotBeKnownToBeProductionAndWaivesNothing() {
        WafrReview r = withEnvironment(review(a -> a), null);
        WafrRules.Decision d = decide(r, CTX, List.of()).get("REL-002");
        assertFalse(d.waived());
        assertTrue(d.summary().contains("the review's workload environment is not recorded (no Environment field), so it "
                + "cannot be known to be PRODUCTION; the checklist accepts production customer examples only"), d.summary());
        assertTrue(decide(withEnvironment(review(a -> a), "PRODUCTION"), CTX, List.of()).get("REL-002").waived());
    }

    /** OPS04 and OPS08 of the 2020-07-02 lens: question telemetry and workload-health with their own choice ids. */
    static WafrReview legacy2020(String workloadHealthRisk) {
        Map<String, String> telemetry = new LinkedHashMap<>();
        telemetry.put("ops_telemetry_application_telemetry", "Implement application telemetry");
        telemetry.put("ops_telemetry_workload_telemetry", "Implement and configure workload telemetry");
        telemetry.put("ops_telemetry_customer_telemetry", "Implement user activity telemetry");
        telemetry.put("ops_telemetry_dependency_telemetry", "Implement dependency telemetry");
        telemetry.put("ops_telemetry_dist_trace", "Implement transaction traceability");
        telemetry.put("ops_telemetry_no", "None of these");
        Map<String, String> health = new LinkedHashMap<>();
        health.put("ops_workload_health_define_workload_kpis", "Identify key performance indicators");
        health.put("ops_workload_health_design_workload_metrics", "Define workload metrics");
        health.put("ops_workload_health_collect_analyze_workload_metrics", "Collect and analyze workload metrics");
        health.put("ops_workload_health_workload_metric_baselines", "Establish workload metrics baselines");
        health.put("ops_workload_health_learn_workload_usage_patterns", "Learn expected patterns of activity for workload");
        health.put("ops_workload_health_workload_outcome_alerts", "Alert when workload outcomes are at risk");
        health.put("ops_workload_health_workload_anomaly_alerts", "Alert when workload anomalies are detected");
        health.put("ops_workload_health_no", "None of these");
        List<WafrReview.Answer> answers = List.of(
                legacyAnswer("telemetry", "How do you design your workload so that you can understand its state?", telemetry, "NONE"),
                legacyAnswer("workload-health", "How do you understand the health of your workload?", health, workloadHealthRisk));
        WafrReview base = review(a -> a, "NOT_CURRENT", REVIEWED, List.of(ACCOUNT));
        return new WafrReview(base.source(), base.workload(), new WafrReview.LensReview("wellarchitected",
                "arn:aws:wellarchitected::aws:lens/wellarchitected", "2020-07-02", "AWS Well-Architected Framework",
                "NOT_CURRENT", REVIEWED), null, answers);
    }

    /** Every choice but "None of these" selected. */
    static WafrReview.Answer legacyAnswer(String id, String title, Map<String, String> choices, String risk) {
        List<String> selected = choices.keySet().stream().filter(c -> !c.endsWith("_no")).toList();
        return new WafrReview.Answer(id, "operationalExcellence", title, risk, true, null, selected,
                selected.stream().map(c -> new WafrReview.ChoiceAnswer(c, "SELECTED", null, null)).toList(), choices, null);
    }

    @Test
    void aLegacyChoiceIsFoundUnderTheLegacyQuestionThatAskedIt() {
        WafrRules.Decision d = decide(legacy2020("NONE"), CTX, List.of()).get("OPE-001");
        assertTrue(d.waived(), d.summary());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> qs = (List<Map<String, Object>>) d.record().get("questions");
        Map<String, Object> observability = qs.get(0);
        assertEquals("telemetry", observability.get("answeredAs"));
        // today's OPS04-BP01 (KPIs) was OPS08 workload-health's define_workload_kpis in 2020, not a telemetry choice
        assertEquals(List.of("workload-health"), observability.get("alsoAnsweredAs"));
        assertEquals(List.of("ops_workload_health_define_workload_kpis", "ops_telemetry_application_telemetry"),
                observability.get("selectedRequiredChoices"));
        assertTrue(String.valueOf(observability.get("legacy")).contains("ops_workload_health_define_workload_kpis "
                + "(legacy-approximate for ops_observability_identify_kpis, answered under workload-health)"), observability.toString());
        Map<String, Object> workload = qs.get(1);
        assertEquals("workload-health", workload.get("answeredAs"));
        assertEquals(List.of("ops_workload_health_collect_analyze_workload_metrics",
                "ops_workload_health_collect_analyze_workload_metrics", "ops_workload_health_workload_outcome_alerts"),
                workload.get("selectedRequiredChoices"));
    }

    @Test
    void theLegacyQuestionLendingAChoiceMustCountToo() {
        WafrRules.Decision d = decide(legacy2020("HIGH"), CTX, List.of()).get("OPE-001");
        assertFalse(d.waived());
        @SuppressWarnings("unchecked")
        Map<String, Object> observability = ((List<Map<String, Object>>) d.record().get("questions")).get(0);
        assertEquals("the legacy question workload-health holding a required choice: risk is HIGH (NONE needed)",
                observability.get("reason"));

        WafrReview telemetryOnly = legacy2020("NONE");
        telemetryOnly = new WafrReview(telemetryOnly.source(), telemetryOnly.workload(), telemetryOnly.lens(), null,
                telemetryOnly.answers().subList(0, 1));
        WafrRules.Decision alone = decide(telemetryOnly, CTX, List.of()).get("OPE-001");
        assertFalse(alone.waived());
        assertTrue(alone.summary().contains("OPS04 observability: required choice ops_observability_identify_kpis "
                + "(OPS04-BP01 Identify key performance indicators) is not selected"), alone.summary());
    }

    @Test
    void theReviewMustCoverTheAccountBeRecentAndOfAUsableLens() {
        Map<String, WafrRules.Decision> other = decide(review(a -> a, "CURRENT", REVIEWED, List.of("444455556666")), CTX, List.of());
        assertTrue(other.values().stream().noneMatch(WafrRules.Decision::waived));
        assertTrue(other.get("REL-002").summary().contains("the review is of another account: account 111122223333 is "
                + "neither in the workload's AccountIds [444455556666] nor its owner (444455556666)"), other.get("REL-002").summary());
        assertEquals(List.of(other.get("REL-002").reviewReasons().get(0)), other.get("REL-002").record().get("reviewReasons"));

        Instant old = NOW.minusSeconds(400L * 86400);
        Map<String, WafrRules.Decision> stale = decide(review(a -> a, "CURRENT", old, List.of(ACCOUNT)), CTX, List.of());
        assertFalse(stale.get("OPE-002").waived());
        assertTrue(stale.get("OPE-002").summary().contains("the review is stale: lens review UpdatedAt 2024-12-11 is 400 days old (--wafr-max-age 365)"),
                stale.get("OPE-002").summary());
        assertTrue(decide(review(a -> a, "CURRENT", old, List.of(ACCOUNT)),
                new WafrRules.Context(ACCOUNT, "scanned account", NOW, 500), List.of()).get("OPE-002").waived());

        Map<String, WafrRules.Decision> deprecated = decide(review(a -> a, "DEPRECATED", REVIEWED, List.of(ACCOUNT)), CTX, List.of());
        assertTrue(deprecated.get("COST-001").summary().contains("the lens status is DEPRECATED (CURRENT or NOT_CURRENT needed)"));

        WafrRules.Context noAccount = new WafrRules.Context(null, "no account scanned", NOW, 365);
        WafrRules.Decision template = decide(review(a -> a), noAccount, List.of()).get("REL-002");
        assertFalse(template.waived());
        assertTrue(template.summary().contains("no account scanned"), template.summary());

        // the owner counts like an account in AccountIds
        WafrReview owner = review(a -> a, "CURRENT", REVIEWED, List.of(ACCOUNT));
        WafrReview ownerOnly = new WafrReview(owner.source(), new WafrReview.Workload(owner.workload().id(),
                owner.workload().arn(), owner.workload().name(), ACCOUNT, List.of("999988887777"), "PRODUCTION", null, null, REVIEWED),
                owner.lens(), null, owner.answers());
        assertTrue(decide(ownerOnly, CTX, List.of()).get("REL-002").waived());
    }

    @Test
    void aMilestoneDatesTheReviewByItsRecordedAt() {
        WafrReview r = review(a -> a, "CURRENT", NOW.minusSeconds(500L * 86400), List.of(ACCOUNT));
        WafrReview pinned = new WafrReview(r.source(), r.workload(), r.lens(),
                new WafrReview.Milestone(3, "WAFR 2025-11 partner review", REVIEWED), r.answers());
        WafrRules.Decision d = decide(pinned, CTX, List.of()).get("REL-002");
        assertTrue(d.waived(), d.summary());
        assertEquals(3, d.record().get("milestone"));
        assertEquals("milestone 3 RecordedAt", d.record().get("reviewDateFrom"));
        assertEquals(REVIEWED.toString(), d.record().get("reviewDate"));
    }

    static final Check S3_ENC = new Check("s3_bucket_encrypted", "S3 buckets have default encryption", Severity.HIGH,
            List.of("NETSEC-002"), "");
    static final Check BACKUP = new Check("backup_plan_present", "A backup plan exists", Severity.MEDIUM,
            List.of("REL-002"), "");

    static Finding finding(Check c, Status s, String id) {
        return Finding.of(c, s, ResourceRef.template("AWS::S3::Bucket", id, "app.template.json", 3, null), "msg " + id);
    }

    @Test
    void theAutomatedChecksWinAConflictIsRecordedAndPassAndErrorFindingsStay(@TempDir Path dir) throws Exception {
        List<Finding> findings = List.of(
                finding(S3_ENC, Status.FAIL, "DocsBucket9D3E1F0A"), finding(S3_ENC, Status.FAIL, "LogsBucketAB12CD34"),
                finding(S3_ENC, Status.FAIL, "RawBucket0F0E0D0C"), finding(S3_ENC, Status.PASS, "SafeBucket11223344"),
                finding(BACKUP, Status.PASS, "Plan"), finding(BACKUP, Status.ERROR, "Vault"));
        ScanResult scan = ScanResult.of(ScanInfo.forTemplates(NOW, NOW, List.of("app.template.json")), findings,
                List.of(S3_ENC, BACKUP));
        ScanResult waived = WafrRules.apply(scan, review(a -> a), CTX, List.of());

        ControlResult netsec2 = waived.controls().stream().filter(c -> c.id().equals("NETSEC-002")).findFirst().orElseThrow();
        assertEquals(ControlStatus.FAIL, netsec2.status());
        assertEquals("NOT_WAIVED", netsec2.waiver().get("outcome"));
        assertEquals("the review answers SEC08 protect-data-rest and SEC09 protect-data-transit with risk NONE, but 3 findings "
                + "FAIL: s3_bucket_encrypted x3 (DocsBucket9D3E1F0A, LogsBucketAB12CD34, RawBucket0F0E0D0C)", netsec2.waiver().get("conflict"));
        assertTrue(String.valueOf(netsec2.waiver().get("summary")).contains("conflict: the review answers SEC08"));

        ControlResult rel2 = waived.controls().stream().filter(c -> c.id().equals("REL-002")).findFirst().orElseThrow();
        assertEquals(ControlStatus.WAIVED, rel2.status(), "ERROR findings do not prevent the waiver");
        assertEquals(1, rel2.counts().get(Status.ERROR));
        assertEquals(findings, waived.findings(), "findings stay listed");
        assertNull(rel2.waiver().get("conflict"));
        assertEquals(List.of("ACCT-001", "ACCT-002", "OPE-001", "OPE-002", "OPE-003", "NETSEC-001", "REL-001", "REL-002",
                "COST-001", "DOC-001"), waived.wafr().review().get("waivedControls"));
        assertTrue(waived.failsAt(Severity.HIGH), "the NETSEC-002 FAIL still gates");

        // results.json: the waiver object and the top-level wafr
        new JsonReportWriter().write(waived, dir);
        JsonNode json = JsonReportWriter.mapper().readTree(Files.readString(dir.resolve("results.json")));
        JsonNode rel = null;
        for (JsonNode c : json.get("controls")) {
            if (c.get("id").asText().equals("REL-002")) {
                rel = c;
            }
        }
        assertEquals("WAIVED", rel.get("status").asText());
        JsonNode w = rel.get("waiver");
        for (String field : List.of("summary", "source", "outcome", "origin", "files", "workloadArn", "workloadName",
                "lensAlias", "lensVersion", "lensStatus", "legacy", "milestone", "reviewDate", "questions")) {
            assertTrue(w.has(field), "waiver lacks " + field + ": " + w);
        }
        assertEquals("wafr", w.get("source").asText());
        assertEquals("ab12cd", w.get("files").get(0).get("sha256").asText());
        assertEquals("planning-for-recovery", w.get("questions").get(0).get("id").asText());
        assertEquals("rel_planning_for_recovery_objective_defined_recovery",
                w.get("questions").get(0).get("selectedRequiredChoices").get(0).asText());
        assertTrue(json.get("wafr").get("review").get("summary").asText().contains("waives ACCT-001"));
    }

    @Test
    void waivedControlsDoNotCountTowardFailOn() {
        List<Finding> findings = List.of(finding(BACKUP, Status.FAIL, "Plan"));
        ScanResult scan = ScanResult.of(ScanInfo.forTemplates(NOW, NOW, List.of()), findings, List.of(BACKUP));
        assertTrue(scan.failsAt(Severity.MEDIUM));
        List<ControlResult> controls = scan.controls().stream().map(c -> c.id().equals("REL-002")
                ? new ControlResult(c.id(), c.title(), ControlStatus.WAIVED, Map.of("source", "wafr"), c.counts()) : c).toList();
        assertFalse(scan.withWafr(controls, null).failsAt(Severity.MEDIUM));
        // and through the rules a FAIL is never waived in the first place
        ScanResult applied = WafrRules.apply(scan, review(a -> a), CTX, List.of());
        assertTrue(applied.failsAt(Severity.MEDIUM));
    }
}
