package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.demo.EmulatorClients;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ScanProgress;
import dev.cxscan.scanner.live.SessionConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * The probe tests' harness on the core's emulator extension (moto_server per test class, reset before each test):
 * {@link #client} builds the account to read (unguarded emulator clients), {@link #read} scans it with the real
 * orchestrator ({@link AccountScan} through a guarded {@link AwsSession}), and the rule helpers look at that scan's
 * findings.
 */
public abstract class MotoTestBase {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    /** The findings of the scan that produced each inventory. */
    private static final Map<LiveInventory, List<Finding>> FINDINGS = Collections.synchronizedMap(new WeakHashMap<>());

    protected EmulatorClients clients;

    @BeforeEach
    void motoUp() {
        clients = new EmulatorClients(endpoint());
    }

    @AfterEach
    void motoDown() {
        if (clients != null) {
            clients.close();
        }
    }

    /** Where the account is built and read: the emulator (a test may put a proxy in front of it). */
    protected java.net.URI endpoint() {
        return EMULATOR.endpoint();
    }

    protected <C extends software.amazon.awssdk.core.SdkClient> C client(Class<C> type) {
        return clients.client(type, Region.US_EAST_1);
    }

    /** Scans us-east-1 with {@code probes}, every live-scan rule and every live check. */
    protected LiveInventory read(Probe... probes) {
        return read(List.of(Region.US_EAST_1), probes);
    }

    protected LiveInventory read(List<Region> regions, Probe... probes) {
        SessionConfig config = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                .withEndpoint(endpoint());
        try (AwsSession session = new AwsSession(config, regions.get(0))) {
            AccountScan.Outcome o = new AccountScan(session, MotoServerExtension.ACCOUNT, regions.get(0), List.of(probes),
                    AccountScan.loadLiveChecks(), RuleEngine.withAllRules(), 4, ScanProgress.NONE).run(regions);
            FINDINGS.put(o.inventory(), o.findings());
            return o.inventory();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every finding of the scan that read {@code inv}. */
    protected static List<Finding> findings(LiveInventory inv) {
        List<Finding> f = FINDINGS.get(inv);
        if (f == null) {
            throw new IllegalStateException("the inventory was not read by MotoTestBase.read");
        }
        return f;
    }

    protected static List<Resource> resources(LiveInventory inv, String type) {
        List<Resource> out = new ArrayList<>();
        inv.resourcesByRegion().values().forEach(l -> l.stream().filter(r -> r.type().equals(type)).forEach(out::add));
        return out;
    }

    protected static Resource resource(LiveInventory inv, String type, String id) {
        return resources(inv, type).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id + " in " + resources(inv, type)));
    }

    /** The one rule finding of {@code check} on resource {@code id}. */
    protected static Finding rule(LiveInventory inv, String check, String id) {
        List<Finding> f = findings(inv).stream().filter(x -> x.check().equals(check) && x.resource().id().equals(id)).toList();
        assertEquals(1, f.size(), () -> "findings of " + check + " on " + id + ": " + f);
        return f.get(0);
    }

    protected static void assertRule(Status expected, LiveInventory inv, String check, String id) {
        Finding f = rule(inv, check, id);
        assertEquals(expected, f.status(), f.message());
    }
}
