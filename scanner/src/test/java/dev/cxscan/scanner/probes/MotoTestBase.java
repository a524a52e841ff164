package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.regions.Region;

/** Starts (once) and resets moto around each test; helpers to run probes and rules on what they read. */
public abstract class MotoTestBase {
    protected MotoServer moto;
    protected TestClients clients;

    @BeforeEach
    void motoUp() {
        assumeTrue(MotoServer.available(), "moto_server not installed");
        moto = MotoServer.get();
        moto.reset();
        clients = new TestClients(moto.endpoint());
    }

    @AfterEach
    void motoDown() {
        if (clients != null) {
            clients.close();
        }
    }

    protected <C extends software.amazon.awssdk.core.SdkClient> C client(Class<C> type) {
        return clients.client(type, Region.US_EAST_1);
    }

    protected LiveInventory read(Probe... probes) {
        return TestScan.read(clients, List.of(Region.US_EAST_1), List.of(probes));
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
        List<Finding> f = TestScan.ruleFindings(inv).stream().filter(x -> x.check().equals(check) && x.resource().id().equals(id)).toList();
        assertEquals(1, f.size(), () -> "findings of " + check + " on " + id + ": " + f);
        return f.get(0);
    }

    protected static void assertRule(Status expected, LiveInventory inv, String check, String id) {
        Finding f = rule(inv, check, id);
        assertEquals(expected, f.status(), f.message());
    }
}
