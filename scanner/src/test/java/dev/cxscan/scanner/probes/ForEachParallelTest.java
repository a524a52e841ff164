package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ForEachParallelTest {
    private static List<String> run(int concurrency, AtomicInteger peak) {
        LiveInventory inv = new LiveInventory();
        ProbeContext c = new ProbeContext(null, Region.US_EAST_1, "111122223333", inv, concurrency);
        AtomicInteger running = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 24).boxed().toList();
        ProbeSupport.forEachParallel(c, items, (own, i) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep((24 - i) % 7 * 3L); // later items often finish first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (i % 5 == 0) {
                own.inventory().error(new ProbeError("x", "x:Get", "AccessDenied", "item " + i, "us-east-1", List.of("c")));
            } else {
                own.inventory().add(i % 3 == 0 ? "eu-west-1" : "us-east-1",
                        Resource.live("AWS::X::Y", "r" + i, null, "us-east-1", ProbeSupport.obj().put("n", i)));
            }
            running.decrementAndGet();
        });
        List<String> out = new java.util.ArrayList<>();
        inv.resourcesByRegion().forEach((region, list) -> list.forEach(r -> out.add(region + "/" + r.id())));
        inv.errors().forEach(e -> out.add("error " + e.message()));
        return out;
    }

    @Test
    void recordsInItemOrderWhateverFinishesFirst() {
        AtomicInteger serialPeak = new AtomicInteger();
        AtomicInteger parallelPeak = new AtomicInteger();
        List<String> serial = run(1, serialPeak);
        List<String> parallel = run(4, parallelPeak);
        assertEquals(serial, parallel);
        assertEquals("us-east-1/r1", serial.get(0));
        assertTrue(serial.contains("error item 20"), serial::toString);
        assertEquals(1, serialPeak.get());
        assertTrue(parallelPeak.get() > 1 && parallelPeak.get() <= 4, "ran " + parallelPeak.get() + " at once");
    }

    @Test
    void aReadThatThrowsIsRethrownAfterTheOthersEnd() {
        LiveInventory inv = new LiveInventory();
        ProbeContext c = new ProbeContext(null, Region.US_EAST_1, "111122223333", inv, 3);
        AtomicInteger ended = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProbeSupport.forEachParallel(c, List.of(1, 2, 3, 4, 5),
                (own, i) -> {
                    if (i == 2) {
                        throw new IllegalStateException("boom " + i);
                    }
                    ended.incrementAndGet();
                }));
        assertEquals("boom 2", e.getMessage());
        assertEquals(4, ended.get());
    }
}
