package dev.cxscan.reports.wafr;

import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.ControlResult;
import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.WafrMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The waiver rules of the WAFR import, applied per control with the mapping of the control catalog.
 * <ul>
 *   <li>The review counts when the workload's Environment is PRODUCTION (the checklist accepts production
 *   customer examples only), the scanned account is in the workload's AccountIds or is its Owner, the
 *   review date (milestone RecordedAt, else lens review UpdatedAt) is at most {@code maxAgeDays} old and
 *   the lens status is CURRENT or NOT_CURRENT (then marked legacy).</li>
 *   <li>A required question counts when it is applicable, its risk is NONE, its "None of these" choice is not
 *   selected, and every required choice is selected or marked not applicable with a reason other than NONE.
 *   Question and choice ids of older lens versions (aliases in the catalog) are accepted and flagged.</li>
 *   <li>The automated checks win: a control with a FAIL finding is not waived; when the review would have
 *   waived it the record states the conflict. Otherwise a control whose required questions all count is
 *   WAIVED and keeps its PASS/ERROR findings.</li>
 * </ul>
 * Every decision, waived or not, carries the provenance and per question the outcome (the first reason a
 * question does not count).
 */
public final class WafrRules {
    public static final int DEFAULT_MAX_AGE_DAYS = 365;
    static final Set<String> USABLE_LENS_STATUS = Set.of("CURRENT", "NOT_CURRENT");
    /** The only Workload.Environment a waiving review may have (the other value is PREPRODUCTION). */
    public static final String REQUIRED_ENVIRONMENT = "PRODUCTION";
    static final String PRODUCTION_ONLY = "the checklist accepts production customer examples only";

    private WafrRules() {
    }

    /**
     * What the review is checked against.
     *
     * @param account      the scanned account, or null when none was scanned (template scan without one given)
     * @param accountBasis how the account is known, e.g. "scanned (STS GetCallerIdentity)" or
     *                     "stated with --wafr-account (template scan, no account scanned)"
     * @param now          the time the age is measured at
     * @param maxAgeDays   the oldest review accepted, in days
     * @param checkAccount false only to explain a review without an account ({@code wafr show})
     */
    public record Context(String account, String accountBasis, Instant now, int maxAgeDays, boolean checkAccount) {
        public Context(String account, String accountBasis, Instant now, int maxAgeDays) {
            this(account, accountBasis, now, maxAgeDays, true);
        }

        /** For {@code cxscan wafr show} without an account: everything but the account is checked. */
        public static Context accountUnchecked(Instant now, int maxAgeDays) {
            return new Context(null, "not checked (no account given)", now, maxAgeDays, false);
        }
    }

    /**
     * The outcome for one required question.
     *
     * @param answeredAs     the question id it was answered under (a legacy alias, or the id itself)
     * @param alsoAnsweredAs other legacy questions whose answers held a required choice's legacy id (they must
     *                       count too)
     */
    public record QuestionOutcome(WafrMapping.Question question, String answeredAs, String title, String risk,
                                  Boolean applicable, boolean counts, String reason, List<String> selectedRequired,
                                  List<String> notApplicableRequired, String legacy, String notes,
                                  List<String> alsoAnsweredAs) {
        Map<String, Object> record() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", question.id());
            m.put("ref", question.ref());
            if (answeredAs != null && !answeredAs.equals(question.id())) {
                m.put("answeredAs", answeredAs);
            }
            if (!alsoAnsweredAs.isEmpty()) {
                m.put("alsoAnsweredAs", alsoAnsweredAs);
            }
            m.put("title", title);
            m.put("risk", risk);
            m.put("counts", counts);
            m.put("selectedRequiredChoices", selectedRequired);
            if (!notApplicableRequired.isEmpty()) {
                m.put("notApplicableRequiredChoices", notApplicableRequired);
            }
            if (legacy != null) {
                m.put("legacy", legacy);
            }
            if (!counts) {
                m.put("reason", reason);
            }
            if (notes != null && !notes.isBlank()) {
                m.put("notes", notes);
            }
            return m;
        }
    }

    /** The decision for one control, and the {@code waiver} object results.json carries for it. */
    public record Decision(String controlId, boolean waived, String conflict, List<String> reviewReasons,
                           List<QuestionOutcome> questions, String summary, Map<String, Object> record) {
    }

    /** The reasons the review as a whole does not count (empty when it counts). */
    public static List<String> reviewReasons(WafrReview review, Context ctx) {
        List<String> reasons = new ArrayList<>();
        WafrReview.Workload w = review.workload();
        if (w == null) {
            reasons.add("the workload is unknown (import get-workload or get-milestone output as well)");
        } else if (!ctx.checkAccount()) {
            // wafr show without an account: reported as not checked
        } else if (ctx.account() == null) {
            reasons.add("no account scanned: cannot check that the review covers it (give --wafr-account with the "
                    + "account the templates deploy to)");
        } else if (!w.accountIds().contains(ctx.account()) && !ctx.account().equals(w.owner())) {
            reasons.add("the review is of another account: account " + ctx.account() + " is neither in the workload's "
                    + "AccountIds " + w.accountIds() + " nor its owner" + (w.owner() == null ? "" : " (" + w.owner() + ")"));
        }
        if (w != null) {
            environmentReason(w.environment()).ifPresent(reasons::add);
        }
        WafrReview.LensReview lens = review.lens();
        if (lens == null) {
            reasons.add("the lens review is unknown (import get-lens-review output as well)");
        } else if (lens.status() == null || !USABLE_LENS_STATUS.contains(lens.status())) {
            reasons.add("the lens status is " + lens.status() + " (CURRENT or NOT_CURRENT needed)");
        }
        Optional<Instant> date = review.reviewDate();
        if (date.isEmpty()) {
            if (lens != null) {
                reasons.add("the review date is unknown (" + review.reviewDateField() + " is missing)");
            }
        } else {
            long days = Duration.between(date.get(), ctx.now()).toDays();
            if (days > ctx.maxAgeDays()) {
                reasons.add("the review is stale: " + review.reviewDateField() + " " + day(date.get()) + " is " + days
                        + " days old (--wafr-max-age " + ctx.maxAgeDays() + ")");
            }
        }
        if (review.answers().isEmpty()) {
            reasons.add("the review holds no answers (import list-answers output as well)");
        }
        return reasons;
    }

    /**
     * Why the workload's Environment keeps the review from counting, if it does: the checklist accepts only
     * customer examples "in production with customers, rather than in a 'pilot' or proof of concept stage",
     * so a PREPRODUCTION review (or one whose Environment is not recorded: cannot know) waives nothing.
     */
    static Optional<String> environmentReason(String environment) {
        if (REQUIRED_ENVIRONMENT.equals(environment)) {
            return Optional.empty();
        }
        return Optional.of((environment == null || environment.isBlank()
                ? "the review's workload environment is not recorded (no Environment field), so it cannot be known to be "
                + REQUIRED_ENVIRONMENT
                : "the review's workload environment is " + environment) + "; " + PRODUCTION_ONLY);
    }

    /** Decides every control of the catalog. */
    public static List<Decision> decide(ControlCatalog catalog, WafrReview review, Context ctx, List<Finding> findings) {
        List<String> reviewReasons = reviewReasons(review, ctx);
        return catalog.controls().stream().map(c -> decide(c, review, ctx, reviewReasons, findings)).toList();
    }

    /** Decides one control; {@code reviewReasons} from {@link #reviewReasons}. */
    public static Decision decide(Control control, WafrReview review, Context ctx, List<String> reviewReasons,
                                  List<Finding> findings) {
        WafrMapping mapping = control.wafr();
        List<QuestionOutcome> outcomes = mapping.questions().stream().map(q -> question(q, review)).toList();
        boolean questionsCount = mapping.waivable() && outcomes.stream().allMatch(QuestionOutcome::counts);
        List<Finding> fails = findings.stream()
                .filter(f -> f.status() == Status.FAIL && f.controls().contains(control.id())).toList();
        String conflict = null;
        if (reviewReasons.isEmpty() && questionsCount && !fails.isEmpty()) {
            conflict = "the review answers " + outcomes.stream().map(o -> o.question().ref() + " " + o.question().id())
                    .collect(Collectors.joining(" and ")) + " with risk NONE, but " + failText(fails);
        }
        boolean waived = reviewReasons.isEmpty() && questionsCount && fails.isEmpty();

        String summary;
        if (waived) {
            summary = "WAIVED by Well-Architected review " + provenance(review) + ": "
                    + outcomes.stream().map(o -> o.question().ref() + " " + o.question().id() + " risk NONE with "
                    + String.join(", ", o.selectedRequired()) + (o.notApplicableRequired().isEmpty() ? ""
                    : " (not applicable: " + String.join(", ", o.notApplicableRequired()) + ")"))
                    .collect(Collectors.joining("; "));
        } else {
            String why;
            if (!mapping.waivable()) {
                why = "no Well-Architected question is mapped to this control";
            } else if (!reviewReasons.isEmpty()) {
                why = String.join("; ", reviewReasons);
            } else if (conflict != null) {
                why = "conflict: " + conflict + " (the automated checks win)";
            } else {
                why = outcomes.stream().filter(o -> !o.counts())
                        .map(o -> o.question().ref() + " " + o.question().id() + ": " + o.reason())
                        .collect(Collectors.joining("; "));
            }
            summary = "NOT WAIVED by Well-Architected review " + provenance(review) + ": " + why;
        }

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("summary", summary);
        r.put("source", "wafr");
        r.put("outcome", waived ? "WAIVED" : "NOT_WAIVED");
        if (conflict != null) {
            r.put("conflict", conflict);
        }
        if (!waived && !reviewReasons.isEmpty()) {
            r.put("reviewReasons", reviewReasons);
        }
        provenance(review, ctx, r);
        if (control.id().startsWith("DOC") && review.workload() != null && review.workload().architecturalDesign() != null) {
            r.put("architecturalDesign", review.workload().architecturalDesign());
        }
        if (!mapping.artifactExpected().isEmpty()) {
            r.put("artifactExpected", mapping.artifactExpected());
        }
        r.put("questions", outcomes.stream().map(QuestionOutcome::record).toList());
        return new Decision(control.id(), waived, conflict, reviewReasons, outcomes, summary, r);
    }

    /**
     * Applies the review to a scan: WAIVED where the rules allow, and on every control the {@code waiver}
     * object (the provenance and outcome, waived or not); the review's provenance and the attachments go to
     * the result's {@code wafr}. The findings are left as they are.
     */
    public static ScanResult apply(ScanResult result, WafrReview review, Context ctx, List<WafrImport.Attachment> attachments) {
        if (review == null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("summary", "no Well-Architected review imported; the attachments are kept as evidence and waive nothing");
            return result.withWafr(result.controls(), new WafrImport(r, attachments));
        }
        List<Decision> decisions = decide(ControlCatalog.bundled(), review, ctx, result.findings());
        Map<String, Decision> byId = new LinkedHashMap<>();
        decisions.forEach(d -> byId.put(d.controlId(), d));
        List<ControlResult> controls = result.controls().stream().map(c -> {
            Decision d = byId.get(c.id());
            return d == null ? c : c.reviewed(d.record(), d.waived());
        }).toList();
        return result.withWafr(controls, new WafrImport(reviewRecord(review, ctx, decisions), attachments));
    }

    /** The review-level record: provenance, whether the review counts, what it waived and what not. */
    public static Map<String, Object> reviewRecord(WafrReview review, Context ctx, List<Decision> decisions) {
        List<String> reasons = reviewReasons(review, ctx);
        Map<String, Object> r = new LinkedHashMap<>();
        List<String> waived = decisions.stream().filter(Decision::waived).map(Decision::controlId).toList();
        r.put("summary", "Well-Architected review " + provenance(review) + (reasons.isEmpty()
                ? ": waives " + (waived.isEmpty() ? "no control" : String.join(", ", waived))
                : " does not count: " + String.join("; ", reasons)));
        r.put("source", "wafr");
        provenance(review, ctx, r);
        r.put("counts", reasons.isEmpty());
        r.put("reviewReasons", reasons);
        r.put("waivedControls", waived);
        r.put("conflicts", decisions.stream().filter(d -> d.conflict() != null)
                .collect(Collectors.toMap(Decision::controlId, Decision::conflict, (a, b) -> a, LinkedHashMap::new)));
        r.put("answers", review.answers().size());
        return r;
    }

    /** The provenance every record carries. */
    static void provenance(WafrReview review, Context ctx, Map<String, Object> r) {
        WafrReview.Source s = review.source();
        r.put("origin", s == null ? null : s.kind());
        if (s != null && s.isApi()) {
            r.put("endpoint", s.endpoint());
        }
        if (s != null && !s.files().isEmpty()) {
            r.put("files", s.files().stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.path());
                m.put("sha256", f.sha256());
                m.put("format", f.format());
                return m;
            }).toList());
        }
        WafrReview.Workload w = review.workload();
        r.put("workloadArn", w == null ? null : w.arn());
        r.put("workloadName", w == null ? null : w.name());
        r.put("workloadOwner", w == null ? null : w.owner());
        r.put("workloadAccountIds", w == null ? List.of() : w.accountIds());
        r.put("environment", w == null ? null : w.environment());
        r.put("account", ctx.account());
        r.put("accountBasis", ctx.accountBasis());
        WafrReview.LensReview l = review.lens();
        r.put("lensAlias", l == null ? null : l.alias());
        r.put("lensVersion", l == null ? null : l.version());
        r.put("lensStatus", l == null ? null : l.status());
        r.put("legacy", l != null && "NOT_CURRENT".equals(l.status()));
        r.put("milestone", review.milestone() == null ? null : review.milestone().number());
        if (review.milestone() != null && review.milestone().name() != null) {
            r.put("milestoneName", review.milestone().name());
        }
        r.put("reviewDate", review.reviewDate().map(Instant::toString).orElse(null));
        r.put("reviewDateFrom", review.reviewDateField());
        r.put("maxAgeDays", ctx.maxAgeDays());
    }

    /** "genai-claims-assistant-prod (wellarchitected 2025-02-25, milestone 3, 2025-11-03, from file x.json)". */
    static String provenance(WafrReview review) {
        List<String> parts = new ArrayList<>();
        if (review.lens() != null) {
            parts.add(review.lens().alias() + (review.lens().version() == null ? "" : " " + review.lens().version())
                    + ("NOT_CURRENT".equals(review.lens().status()) ? " legacy" : ""));
        }
        if (review.milestone() != null) {
            parts.add("milestone " + review.milestone().number());
        }
        review.reviewDate().ifPresent(d -> parts.add(day(d)));
        WafrReview.Source s = review.source();
        if (s != null) {
            parts.add(s.isApi() ? "from the WA Tool API" : "from " + s.files().stream()
                    .map(f -> f.path() + " sha256 " + f.sha256().substring(0, Math.min(12, f.sha256().length())))
                    .collect(Collectors.joining(", ")));
        }
        String name = review.workload() == null ? "(unknown workload)"
                : review.workload().name() != null ? review.workload().name() : review.workload().arn();
        return name + " (" + String.join(", ", parts) + ")";
    }

    static String day(Instant i) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(i.atOffset(ZoneOffset.UTC));
    }

    private static String failText(List<Finding> fails) {
        Map<String, Integer> byCheck = new TreeMap<>();
        fails.forEach(f -> byCheck.merge(f.check(), 1, Integer::sum));
        String resources = fails.stream().map(f -> f.resource() == null ? null : f.resource().id())
                .filter(java.util.Objects::nonNull).distinct().limit(5).collect(Collectors.joining(", "));
        return fails.size() + " finding" + (fails.size() == 1 ? "" : "s") + " FAIL: "
                + byCheck.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                .collect(Collectors.joining(", ")) + (resources.isEmpty() ? "" : " (" + resources + ")");
    }

    /** Evaluates one required question against the answers. */
    static QuestionOutcome question(WafrMapping.Question q, WafrReview review) {
        WafrReview.Answer a = null;
        String answeredAs = null;
        for (String id : q.ids()) {
            Optional<WafrReview.Answer> found = review.answer(id);
            if (found.isPresent()) {
                a = found.get();
                answeredAs = id;
                break;
            }
        }
        if (a == null) {
            return new QuestionOutcome(q, null, q.title(), null, null, false,
                    "not in the review (no answer to " + String.join(" or ", q.ids()) + ")", List.of(), List.of(), null,
                    null, List.of());
        }
        String legacy = answeredAs.equals(q.id()) ? null : "answered under the legacy question id " + answeredAs;
        String title = a.title() != null ? a.title() : q.title();
        String risk = a.risk();
        List<String> selected = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        List<String> approximate = new ArrayList<>();
        // legacy questions other than the one answered that hold a required choice's legacy id
        Map<String, WafrReview.Answer> alsoAnswered = new LinkedHashMap<>();
        String missing = null;
        for (WafrMapping.Choice c : q.requiredChoices()) {
            ChoiceLookup found = lookup(a, c.ids());
            String under = null;
            // a legacy choice id is searched under the legacy question that asked it (2020 lens:
            // ops_workload_health_define_workload_kpis was asked under workload-health, not telemetry)
            if (found.hit() == null && c.aliasQuestion() != null && !c.aliasQuestion().equals(answeredAs)) {
                Optional<WafrReview.Answer> other = review.answer(c.aliasQuestion());
                if (other.isPresent()) {
                    ChoiceLookup there = lookup(other.get(), c.aliases());
                    if (there.hit() != null || (found.notApplicable() == null && there.notApplicable() != null)) {
                        found = there;
                        under = c.aliasQuestion();
                        alsoAnswered.put(under, other.get());
                    }
                }
            }
            String hit = found.hit();
            String na = found.notApplicable();
            if (hit != null) {
                selected.add(hit);
                if (!hit.equals(c.id())) {
                    approximate.add(hit + (c.aliasesApproximate() ? " (legacy-approximate for " : " (legacy id of ")
                            + c.id() + (under == null ? "" : ", answered under " + under) + ")");
                }
            } else if (na != null && !na.endsWith("!")) {
                notApplicable.add(na);
            } else if (missing == null) {
                missing = na != null
                        ? "required choice " + c.id() + " (" + c.ref() + " " + c.title() + ") is marked not applicable without a reason"
                        : "required choice " + c.id() + " (" + c.ref() + " " + c.title() + ") is not selected";
            }
        }
        if (!approximate.isEmpty()) {
            legacy = (legacy == null ? "" : legacy + "; ") + "matched " + String.join(", ", approximate);
        }
        String reason = answerReason(a);
        if (reason == null && missing != null) {
            reason = missing;
        }
        for (Map.Entry<String, WafrReview.Answer> e : alsoAnswered.entrySet()) {
            String other = answerReason(e.getValue());
            if (reason == null && other != null) {
                reason = "the legacy question " + e.getKey() + " holding a required choice: " + other;
            }
        }
        return new QuestionOutcome(q, answeredAs, title, risk, a.applicable(), reason == null, reason,
                List.copyOf(selected), List.copyOf(notApplicable), legacy, a.notes(), List.copyOf(alsoAnswered.keySet()));
    }

    /** A required choice in one answer: the id selected, else the id marked not applicable ("!" when without a reason). */
    private record ChoiceLookup(String hit, String notApplicable) {
    }

    private static ChoiceLookup lookup(WafrReview.Answer a, List<String> ids) {
        String na = null;
        for (String id : ids) {
            if (a.selectedChoices().contains(id) || a.choiceAnswer(id).map(x -> "SELECTED".equals(x.status())).orElse(false)) {
                return new ChoiceLookup(id, null);
            }
            Optional<WafrReview.ChoiceAnswer> ca = a.choiceAnswer(id);
            if (na == null && ca.isPresent() && "NOT_APPLICABLE".equals(ca.get().status())) {
                na = ca.get().reason() == null || "NONE".equals(ca.get().reason()) ? id + "!" : id + " (" + ca.get().reason() + ")";
            }
        }
        return new ChoiceLookup(null, na);
    }

    /** Why an answer as a whole does not count (not applicable, unanswered, risky, "None of these"), or null. */
    private static String answerReason(WafrReview.Answer a) {
        String risk = a.risk();
        if (Boolean.FALSE.equals(a.applicable()) || "NOT_APPLICABLE".equals(risk)) {
            return "marked not applicable" + (a.reason() == null ? "" : " (" + a.reason() + ")")
                    + ": a not-applicable question waives nothing";
        }
        if (risk == null || "UNANSWERED".equals(risk)) {
            return "unanswered";
        }
        if (!"NONE".equals(risk)) {
            return "risk is " + risk + " (NONE needed)";
        }
        return a.selectedChoices().stream().filter(id -> isNoneOfThese(id, a)).findFirst()
                .map(id -> "\"None of these\" (" + id + ") is selected").orElse(null);
    }

    /** A question's "None of these" choice: titled so, or the {@code <prefix>_no} id every question has. */
    static boolean isNoneOfThese(String choiceId, WafrReview.Answer a) {
        String title = a.choiceTitles().get(choiceId);
        if (title != null && title.trim().toLowerCase(Locale.ROOT).equals("none of these")) {
            return true;
        }
        return choiceId.endsWith("_no");
    }
}
