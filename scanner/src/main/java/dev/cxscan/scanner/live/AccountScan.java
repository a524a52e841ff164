package dev.cxscan.scanner.live;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import dev.cxscan.scanner.probes.LiveChecks;
import dev.cxscan.scanner.probes.cloudtrail.TrailBucketFindings;
import software.amazon.awssdk.regions.Region;

/**
 * The live scan of one account: runs the GLOBAL probes once and the REGIONAL probes in every
 * region on a bounded pool, evaluates the shared rules (only the checks CHECKS.md runs live) on
 * each region's resources (global ones, such as IAM, evaluated once but visible to the rules of
 * every region), runs every {@link LiveCheck}, turns probe errors into ERROR findings of the checks
 * they starve (replacing what those checks said for that region), and gives a check with nothing
 * to judge one NOT_APPLICABLE account-level finding, or ERROR when a probe that reads its types failed.
 * Only the rules whose data the probes read run ({@link LiveRuleSelection}); the others are not evaluated
 * ({@link Outcome#notEvaluated()}) and appear neither among the checks nor among the findings.
 */
public final class AccountScan {
    /** Resource type of account-level findings (as AWS Config names the account). */
    public static final String ACCOUNT_TYPE = LiveChecks.ACCOUNT;
    /** Check id of errors no check claims (a probe that threw and declares no checks). */
    public static final String PROBE_ERROR_CHECK = "probe_error";

    /**
     * @param findings  every finding of the live scan
     * @param regions   the regions scanned (reachable ones)
     * @param skipped   regions skipped and why
     * @param inventory what the probes read
     * @param checks    metadata of the checks that ran
     * @param resources how many resources the probes read
     * @param notEvaluated check id -> why a live-capable rule did not run (e.g. "no probe reads AWS::Kinesis::Stream")
     */
    public record Outcome(List<Finding> findings, List<String> regions, Map<String, String> skipped,
                          LiveInventory inventory, List<Check> checks, int resources, Map<String, String> notEvaluated) {
    }

    private final AwsClients clients;
    private final String accountId;
    private final Region home;
    private final List<Probe> probes;
    private final List<LiveCheck> liveChecks;
    private final RuleEngine engine;
    private final Map<String, String> notEvaluated;
    private final int concurrency;
    private final ScanProgress progress;
    private Function<Region, Optional<String>> reachability = r -> Optional.empty();
    private ScanCheckpoint checkpoint;

    public AccountScan(AwsClients clients, String accountId, Region home, List<Probe> probes,
                       List<LiveCheck> liveChecks, RuleEngine engine, int concurrency, ScanProgress progress) {
        this.clients = clients;
        this.accountId = accountId;
        this.home = home;
        this.probes = List.copyOf(probes);
        this.liveChecks = List.copyOf(liveChecks);
        LiveRuleSelection.Selection selection = LiveRuleSelection.select(engine, this.probes);
        this.engine = withoutReplacedRules(selection.engine(), this.liveChecks);
        this.notEvaluated = selection.notEvaluated();
        this.concurrency = Math.max(1, concurrency);
        this.progress = progress == null ? ScanProgress.NONE : progress;
    }

    /** How to tell whether a region answers (e.g. {@link AwsSession#unreachable}); default: every region does. */
    public AccountScan reachability(Function<Region, Optional<String>> check) {
        this.reachability = Objects.requireNonNull(check);
        return this;
    }

    /**
     * Saves each part of the scan (one probe in one region, or one GLOBAL probe) into {@code checkpoint} as soon
     * as it completes, and loads the parts an earlier run saved instead of reading them (--resume); null: none.
     */
    public AccountScan checkpoint(ScanCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
        return this;
    }

    /** The probes registered in META-INF/services/dev.cxscan.scanner.live.Probe. */
    public static List<Probe> loadProbes() {
        List<Probe> out = new ArrayList<>();
        ServiceLoader.load(Probe.class).forEach(out::add);
        return out;
    }

    /** The live checks registered in META-INF/services/dev.cxscan.scanner.live.LiveCheck. */
    public static List<LiveCheck> loadLiveChecks() {
        List<LiveCheck> out = new ArrayList<>();
        ServiceLoader.load(LiveCheck.class).forEach(out::add);
        return out;
    }

    /**
     * Drops the rules of {@link LiveChecks#RULES_REPLACED_IN_LIVE_SCANS} whose live check runs in this scan: the
     * live check gives the one account-level finding CHECKS.md asks for (e.g. one multi-region trail that logs,
     * rather than a verdict per trail).
     */
    static RuleEngine withoutReplacedRules(RuleEngine engine, List<LiveCheck> liveChecks) {
        Set<String> replaced = new LinkedHashSet<>();
        liveChecks.stream().map(c -> c.check().id()).filter(LiveChecks.RULES_REPLACED_IN_LIVE_SCANS::contains)
                .forEach(replaced::add);
        if (replaced.isEmpty()) {
            return engine;
        }
        return new RuleEngine(engine.rules().stream().filter(r -> !replaced.contains(r.check().id())).toList());
    }

    public RuleEngine engine() {
        return engine;
    }

    /** check id -> why a live-capable rule does not run in this scan (no probe reads one of its types). */
    public Map<String, String> notEvaluated() {
        return notEvaluated;
    }

    public Outcome run(List<Region> requested) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "cxscan-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, String> skipped = new LinkedHashMap<>();
            List<Region> regions = reachable(requested, pool, skipped);
            LiveInventory inventory = new LiveInventory();
            read(regions, pool, inventory);
            List<String> regionIds = regions.stream().map(Region::id).toList();
            List<Finding> findings = evaluate(inventory, regionIds, skipped.keySet());
            int resources = inventory.resourcesByRegion().values().stream().mapToInt(List::size).sum();
            return new Outcome(findings, regionIds, skipped, inventory, checks(), resources, notEvaluated);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Region> reachable(List<Region> requested, ExecutorService pool, Map<String, String> skipped)
            throws InterruptedException {
        Map<Region, Future<Optional<String>>> checks = new LinkedHashMap<>();
        for (Region r : new LinkedHashSet<>(requested)) {
            checks.put(r, pool.submit(() -> reachability.apply(r)));
        }
        List<Region> out = new ArrayList<>();
        for (Map.Entry<Region, Future<Optional<String>>> e : checks.entrySet()) {
            Optional<String> why;
            try {
                why = e.getValue().get();
            } catch (ExecutionException ex) {
                why = Optional.of("cannot be reached (" + AwsSession.describe(ex.getCause()) + ")");
            }
            if (why.isPresent()) {
                skipped.put(e.getKey().id(), why.get());
                progress.warn("region " + e.getKey().id() + " skipped: " + why.get());
            } else {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private void read(List<Region> regions, ExecutorService pool, LiveInventory inventory) throws InterruptedException {
        record Run(Probe probe, Region region, String regionKey) {
        }
        List<Run> runs = new ArrayList<>();
        for (Probe p : probes) {
            if (p.scope() == Probe.Scope.GLOBAL) {
                runs.add(new Run(p, home, LiveInventory.GLOBAL));
            }
        }
        for (Region r : regions) {
            for (Probe p : probes) {
                if (p.scope() == Probe.Scope.REGIONAL) {
                    runs.add(new Run(p, r, r.id()));
                }
            }
        }
        int total = runs.size();
        progress.started(total);
        // each run reads into its own part, saved to the --resume folder as soon as it completes, and the parts
        // are merged in the order of `runs`: the inventory does not depend on which part finished first
        LiveInventory[] parts = new LiveInventory[total];
        if (checkpoint != null) {
            for (int i = 0; i < total; i++) {
                parts[i] = checkpoint.load(runs.get(i).probe().service(), runs.get(i).regionKey()).orElse(null);
            }
            progress.resumed(checkpoint.reused(), checkpoint.retried(), total, checkpoint.dir().toString(),
                    checkpoint.started());
        }
        AtomicInteger done = new AtomicInteger(checkpoint == null ? 0 : checkpoint.reused());
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (parts[i] != null) {
                continue;
            }
            Run run = runs.get(i);
            LiveInventory part = new LiveInventory();
            parts[i] = part;
            futures.add(pool.submit(() -> {
                try {
                    run.probe().read(new ProbeContext(clients, run.region(), accountId, part, concurrency, regions));
                } catch (RuntimeException | Error e) {
                    String region = run.regionKey().equals(LiveInventory.GLOBAL) ? null : run.regionKey();
                    part.error(new ProbeError(run.probe().service(), run.probe().service() + ":*",
                            e.getClass().getSimpleName(), AwsSession.describe(e), region, starvedBy(run.probe())));
                }
                try {
                    if (checkpoint != null) {
                        checkpoint.save(run.probe().service(), run.regionKey(), part);
                    }
                } finally {
                    progress.finished(run.probe().service(), run.regionKey(), done.incrementAndGet(), total);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        for (LiveInventory part : parts) {
            inventory.addAll(part);
        }
        progress.done();
    }

    /**
     * The checks a probe that threw starves: the ones it declares plus every rule of this scan that depends on a type
     * it reads (what it recorded before it threw is partial, so no verdict may rest on it).
     */
    private List<String> starvedBy(Probe probe) {
        Set<String> out = new LinkedHashSet<>(probe.checks());
        for (Rule rule : engine.rules()) {
            if (LiveRuleSelection.liveInputs(rule).stream().anyMatch(probe.resourceTypes()::contains)) {
                out.add(rule.check().id());
            }
        }
        return List.copyOf(out);
    }

    private List<Finding> evaluate(LiveInventory inventory, List<String> regions, Set<String> skipped) {
        Diagnostics diagnostics = new Diagnostics();
        List<Finding> ruleFindings = new ArrayList<>();
        for (Scope scope : scopes(inventory.resourcesByRegion())) {
            for (Finding f : engineFor(scope.own()).evaluate(
                    new ResourceSet(accountId + "/" + scope.name(), true, scope.all()), diagnostics)) {
                if (f.resource() == null || !scope.foreign().contains(f.resource())) {
                    ruleFindings.add(f);
                }
            }
        }
        List<Finding> findings = new ArrayList<>(TrailBucketFindings.adjust(ruleFindings, inventory, accountId));
        for (LiveCheck check : liveChecks) {
            List<Finding> out;
            try {
                out = check.evaluate(inventory, accountId);
            } catch (RuntimeException e) {
                out = List.of(Finding.of(check.check(), Status.ERROR, account(null),
                        "check " + check.check().id() + " could not evaluate: " + AwsSession.describe(e)));
            }
            findings.addAll(out == null ? List.of() : out);
        }
        findings = applyErrors(findings, inventory.errors());
        findings.addAll(notApplicable(findings, regions, skipped, inventory.errors()));
        return findings;
    }

    /**
     * One evaluation scope: the resources judged in it ({@code own}) and everything their references may
     * reach ({@code all}); findings on {@code foreign} resources (judged in their own scope) are dropped.
     */
    private record Scope(String name, List<Resource> own, List<Resource> all, Set<ResourceRef> foreign) {
    }

    /**
     * The evaluation scopes: the global resources (IAM, CloudFront), then one per region. A region's scope
     * holds its own resources plus every resource whose name is account-unique across regions: the global
     * ones and the S3 buckets of every region (bucket names are global, and a trail, a CloudFront
     * distribution or a bucket policy may name a bucket of another region). It does not hold the other
     * regions' regional resources, because their ids are names unique only within a region (an RDS cluster
     * "prod", a DynamoDB table "orders", a log group "/app" in two regions): in one account-wide set a
     * reference by name, e.g. an alarm's DBInstanceIdentifier dimension or an instance's DBClusterIdentifier,
     * could resolve to the namesake in another region and give a wrong PASS. Findings are kept only for a
     * scope's own resources, so every resource is judged once.
     */
    private static List<Scope> scopes(Map<String, List<Resource>> byRegion) {
        List<Resource> shared = new ArrayList<>(byRegion.getOrDefault(LiveInventory.GLOBAL, List.of()));
        byRegion.forEach((region, list) -> {
            if (!region.equals(LiveInventory.GLOBAL)) {
                list.stream().filter(r -> ACCOUNT_WIDE_NAMES.contains(r.type())).forEach(shared::add);
            }
        });
        List<Scope> out = new ArrayList<>();
        List<Resource> global = byRegion.getOrDefault(LiveInventory.GLOBAL, List.of());
        if (!global.isEmpty()) {
            Set<ResourceRef> globalRefs = refs(global);
            List<Resource> foreign = shared.stream().filter(r -> !globalRefs.contains(r.location())).toList();
            out.add(new Scope("global", global, shared, refs(foreign)));
        }
        byRegion.forEach((region, own) -> {
            if (region.equals(LiveInventory.GLOBAL) || own.isEmpty()) {
                return;
            }
            Set<ResourceRef> ownRefs = refs(own);
            List<Resource> foreign = shared.stream().filter(r -> !ownRefs.contains(r.location())).toList();
            List<Resource> all = new ArrayList<>(own);
            all.addAll(foreign);
            out.add(new Scope(region, own, all, refs(foreign)));
        });
        return out;
    }

    /** Resource types whose ids are unique in the whole account (and partition), not only in their region. */
    static final Set<String> ACCOUNT_WIDE_NAMES = Set.of("AWS::S3::Bucket", "AWS::S3::BucketPolicy");

    private static Set<ResourceRef> refs(List<Resource> resources) {
        Set<ResourceRef> out = Collections.newSetFromMap(new IdentityHashMap<>());
        resources.forEach(r -> out.add(r.location()));
        return out;
    }

    /** The rules with at least one resource type present in {@code resources}. */
    private RuleEngine engineFor(List<Resource> resources) {
        Set<String> types = new LinkedHashSet<>();
        resources.forEach(r -> types.add(r.type()));
        return new RuleEngine(engine.rules().stream()
                .filter(rule -> rule.resourceTypes().stream().anyMatch(types::contains))
                .toList());
    }

    private List<Finding> applyErrors(List<Finding> findings, List<ProbeError> errors) {
        if (errors.isEmpty()) {
            return findings;
        }
        // (check, region key) -> messages. Live checks turn the errors naming their own id into their ERROR
        // findings (LiveChecks.errorFindings), so only the other checks (rules) get them here: no double reports.
        Set<String> live = new LinkedHashSet<>();
        liveChecks.forEach(c -> live.add(c.check().id()));
        Map<String, Map<String, List<String>>> starved = new LinkedHashMap<>();
        for (ProbeError e : errors) {
            String where = e.region() == null ? LiveInventory.GLOBAL : e.region();
            String msg = LiveChecks.describe(e);
            List<String> checks = e.checks().isEmpty() ? List.of(PROBE_ERROR_CHECK) : e.checks();
            for (String c : checks) {
                if (live.contains(c)) {
                    continue;
                }
                List<String> msgs = starved.computeIfAbsent(c, k -> new LinkedHashMap<>())
                        .computeIfAbsent(where, k -> new ArrayList<>());
                if (!msgs.contains(msg)) {
                    msgs.add(msg);
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, List<String>> regions = starved.get(f.check());
            String where = f.resource() == null || f.resource().region() == null
                    || f.resource().region().equals(LiveInventory.GLOBAL) ? LiveInventory.GLOBAL : f.resource().region();
            if (regions == null || !regions.containsKey(where)) {
                out.add(f);
            }
        }
        Map<String, Check> meta = checkIndex();
        starved.forEach((checkId, regions) -> regions.forEach((where, msgs) -> {
            String region = where.equals(LiveInventory.GLOBAL) ? null : where;
            // as a live check words it (LiveChecks.errorFindings); the region is in each message
            String message = "could not judge: " + String.join("; ", msgs);
            Check check = meta.get(checkId);
            out.add(check != null ? Finding.of(check, Status.ERROR, account(region), message)
                    : new Finding(checkId, List.of(), Status.ERROR, Severity.HIGH, account(region), message, null));
        }));
        return out;
    }

    /**
     * One account-level finding per check that gave none: NOT_APPLICABLE, naming the regions judged (a skipped region
     * is named as not judged), or ERROR when a probe reading a type the check depends on recorded an error (nothing
     * of that type may have been read, so "none to judge" would be a claim resting on unread data).
     */
    private List<Finding> notApplicable(List<Finding> findings, List<String> regions, Set<String> skipped,
                                        List<ProbeError> errors) {
        Set<String> seen = new LinkedHashSet<>();
        findings.forEach(f -> seen.add(f.check()));
        String where = (regions.isEmpty() ? "the global services" : "region(s) " + String.join(", ", regions)
                + " and the global services")
                + (skipped.isEmpty() ? "" : " (region(s) " + String.join(", ", skipped) + " skipped, not judged)");
        Map<String, Set<String>> typesByService = new LinkedHashMap<>();
        probes.forEach(p -> typesByService.computeIfAbsent(p.service(), k -> new LinkedHashSet<>()).addAll(p.resourceTypes()));
        Set<String> readTypes = LiveRuleSelection.readTypes(probes);
        List<Finding> out = new ArrayList<>();
        for (Rule rule : engine.rules()) {
            if (!seen.add(rule.check().id())) {
                continue;
            }
            Set<String> inputs = LiveRuleSelection.liveInputs(rule);
            List<String> unread = new ArrayList<>();
            for (ProbeError e : errors) {
                if (typesByService.getOrDefault(e.service(), Set.of()).stream().anyMatch(inputs::contains)) {
                    String msg = LiveChecks.describe(e);
                    if (!unread.contains(msg)) {
                        unread.add(msg);
                    }
                }
            }
            if (!unread.isEmpty()) {
                out.add(Finding.of(rule.check(), Status.ERROR, account(null), "could not judge: " + String.join("; ", unread)));
                continue;
            }
            // a rule runs when one of its judged types is read: name only those, and the others as not read
            Set<String> judged = LiveRuleSelection.liveJudgedTypes(rule);
            List<String> read = judged.stream().filter(readTypes::contains).toList();
            List<String> notRead = judged.stream().filter(t -> !readTypes.contains(t)).toList();
            out.add(Finding.of(rule.check(), Status.NOT_APPLICABLE, account(null), "no " + String.join(" or ", read)
                    + " to judge in " + where + (notRead.isEmpty() ? "" : "; " + String.join(", ", notRead)
                    + " not read by this scan")));
        }
        for (LiveCheck check : liveChecks) {
            if (seen.add(check.check().id())) {
                out.add(Finding.of(check.check(), Status.NOT_APPLICABLE, account(null), "nothing to judge in " + where));
            }
        }
        return out;
    }

    /** The account (in a region, or null for global) as the resource of an account-level finding, as live checks name it. */
    private ResourceRef account(String region) {
        return LiveChecks.account(accountId, region);
    }

    private Map<String, Check> checkIndex() {
        Map<String, Check> out = new LinkedHashMap<>();
        for (CatalogCheck c : ControlCatalog.bundled().checks()) {
            out.put(c.id(), new Check(c.id(), c.passesWhen(), c.severity(), c.controls(), ""));
        }
        checks().forEach(c -> out.put(c.id(), c));
        return out;
    }

    /** Metadata of the rules and live checks this scan runs. */
    public List<Check> checks() {
        Map<String, Check> out = new LinkedHashMap<>();
        engine.checks().forEach(c -> out.putIfAbsent(c.id(), c));
        liveChecks.forEach(c -> out.putIfAbsent(c.check().id(), c.check()));
        return List.copyOf(out.values());
    }
}
