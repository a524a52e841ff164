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
import software.amazon.awssdk.regions.Region;

/**
 * The live scan of one account: runs the GLOBAL probes once and the REGIONAL probes in every
 * region on a bounded pool, evaluates the shared rules (only the checks CHECKS.md runs live) on
 * each region's resources (global ones, such as IAM, evaluated once but visible to the rules of
 * every region), runs every {@link LiveCheck}, turns probe errors into ERROR findings of the checks
 * they starve (replacing what those checks said for that region), and gives a check with nothing
 * to judge one NOT_APPLICABLE account-level finding.
 */
public final class AccountScan {
    /** Resource type of account-level findings (as AWS Config names the account). */
    public static final String ACCOUNT_TYPE = "AWS::::Account";
    /** Check id of errors no check claims (a probe that threw and declares no checks). */
    public static final String PROBE_ERROR_CHECK = "probe_error";

    /**
     * @param findings  every finding of the live scan
     * @param regions   the regions scanned (reachable ones)
     * @param skipped   regions skipped and why
     * @param inventory what the probes read
     * @param checks    metadata of the checks that ran
     * @param resources how many resources the probes read
     */
    public record Outcome(List<Finding> findings, List<String> regions, Map<String, String> skipped,
                          LiveInventory inventory, List<Check> checks, int resources) {
    }

    private final AwsClients clients;
    private final String accountId;
    private final Region home;
    private final List<Probe> probes;
    private final List<LiveCheck> liveChecks;
    private final RuleEngine engine;
    private final int concurrency;
    private final ScanProgress progress;
    private Function<Region, Optional<String>> reachability = r -> Optional.empty();

    public AccountScan(AwsClients clients, String accountId, Region home, List<Probe> probes,
                       List<LiveCheck> liveChecks, RuleEngine engine, int concurrency, ScanProgress progress) {
        this.clients = clients;
        this.accountId = accountId;
        this.home = home;
        this.probes = List.copyOf(probes);
        this.liveChecks = List.copyOf(liveChecks);
        this.engine = liveRules(engine);
        this.concurrency = Math.max(1, concurrency);
        this.progress = progress == null ? ScanProgress.NONE : progress;
    }

    /** How to tell whether a region answers (e.g. {@link AwsSession#unreachable}); default: every region does. */
    public AccountScan reachability(Function<Region, Optional<String>> check) {
        this.reachability = Objects.requireNonNull(check);
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

    /** The engine's rules whose check runs live according to the catalog (B checks); T-only rules are dropped. */
    public static RuleEngine liveRules(RuleEngine engine) {
        ControlCatalog catalog = ControlCatalog.bundled();
        return new RuleEngine(engine.rules().stream()
                .filter(r -> catalog.check(r.check().id()).map(CatalogCheck::runsLive).orElse(false))
                .toList());
    }

    public RuleEngine engine() {
        return engine;
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
            List<Finding> findings = evaluate(inventory, regionIds);
            int resources = inventory.resourcesByRegion().values().stream().mapToInt(List::size).sum();
            return new Outcome(findings, regionIds, skipped, inventory, checks(), resources);
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
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (Run run : runs) {
            futures.add(pool.submit(() -> {
                try {
                    run.probe().read(new ProbeContext(clients, run.region(), accountId, inventory));
                } catch (RuntimeException | Error e) {
                    String region = run.regionKey().equals(LiveInventory.GLOBAL) ? null : run.regionKey();
                    inventory.error(new ProbeError(run.probe().service(), run.probe().service() + ":*",
                            e.getClass().getSimpleName(), AwsSession.describe(e), region, run.probe().checks()));
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
        progress.done();
    }

    private List<Finding> evaluate(LiveInventory inventory, List<String> regions) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, List<Resource>> byRegion = inventory.resourcesByRegion();
        List<Resource> global = byRegion.getOrDefault(LiveInventory.GLOBAL, List.of());
        Set<ResourceRef> globalRefs = Collections.newSetFromMap(new IdentityHashMap<>());
        global.forEach(r -> globalRefs.add(r.location()));

        List<Finding> findings = new ArrayList<>();
        if (!global.isEmpty()) {
            findings.addAll(engineFor(global).evaluate(
                    new ResourceSet(accountId + "/global", true, global), diagnostics));
        }
        for (Map.Entry<String, List<Resource>> e : byRegion.entrySet()) {
            if (e.getKey().equals(LiveInventory.GLOBAL) || e.getValue().isEmpty()) {
                continue;
            }
            List<Resource> scope = new ArrayList<>(e.getValue());
            scope.addAll(global);
            for (Finding f : engineFor(e.getValue()).evaluate(
                    new ResourceSet(accountId + "/" + e.getKey(), true, scope), diagnostics)) {
                if (!globalRefs.contains(f.resource())) {
                    findings.add(f);
                }
            }
        }
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
        findings.addAll(notApplicable(findings, regions));
        return findings;
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
        // (check, region key) -> messages
        Map<String, Map<String, List<String>>> starved = new LinkedHashMap<>();
        for (ProbeError e : errors) {
            String where = e.region() == null ? LiveInventory.GLOBAL : e.region();
            String msg = e.action() + " failed with " + e.errorCode()
                    + (e.message() == null || e.message().isBlank() ? "" : ": " + e.message());
            List<String> checks = e.checks().isEmpty() ? List.of(PROBE_ERROR_CHECK) : e.checks();
            for (String c : checks) {
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
            String message = "could not be judged" + (region == null ? "" : " in " + region) + ": "
                    + String.join("; ", msgs);
            Check check = meta.get(checkId);
            out.add(check != null ? Finding.of(check, Status.ERROR, account(region), message)
                    : new Finding(checkId, List.of(), Status.ERROR, Severity.HIGH, account(region), message, null));
        }));
        return out;
    }

    private List<Finding> notApplicable(List<Finding> findings, List<String> regions) {
        Set<String> seen = new LinkedHashSet<>();
        findings.forEach(f -> seen.add(f.check()));
        String where = regions.isEmpty() ? "the global services" : "region(s) " + String.join(", ", regions)
                + " and the global services";
        List<Finding> out = new ArrayList<>();
        for (Rule rule : engine.rules()) {
            if (seen.add(rule.check().id())) {
                out.add(Finding.of(rule.check(), Status.NOT_APPLICABLE, account(null),
                        "no " + String.join(" or ", rule.resourceTypes()) + " to judge in " + where));
            }
        }
        for (LiveCheck check : liveChecks) {
            if (seen.add(check.check().id())) {
                out.add(Finding.of(check.check(), Status.NOT_APPLICABLE, account(null), "nothing to judge in " + where));
            }
        }
        return out;
    }

    private ResourceRef account(String region) {
        return ResourceRef.live(ACCOUNT_TYPE, accountId, null, region);
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
