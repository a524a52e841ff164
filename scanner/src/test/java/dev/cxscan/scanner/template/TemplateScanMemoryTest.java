package dev.cxscan.scanner.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.scanner.bench.TemplateScanBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small, fast guard of the "memory grows no more than linearly with input" claim that
 * bench/run-template-bench.sh (SIZES=...) measures on 25 to 100 MB: the heap a template scan's result keeps
 * (findings, checks, resource data: what the reports are written from) for 2N stacks is at most about twice
 * that for N. The margin is generous (2.6 where linear is 2 and quadratic 4), and each figure is the heap left
 * after repeated full collections, so allocation timing does not move it.
 */
class TemplateScanMemoryTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @TempDir
    Path dir;

    @Test
    void theResultOfTwiceTheTemplatesTakesAtMostAboutTwiceTheHeap() throws Exception {
        Path small = dir.resolve("small");
        Path large = dir.resolve("large");
        TemplateScanBenchmark.generate(small, 6, 250);
        TemplateScanBenchmark.generate(large, 12, 250);
        RuleEngine engine = RuleEngine.withAllRules();
        scan(engine, small); // warm-up: classes, rule tables and caches are loaded once, outside the figures

        long[] smallRun = retained(engine, small);
        long[] largeRun = retained(engine, large);
        assertEquals(2 * smallRun[1], largeRun[1], "twice the resources");
        long retainedSmall = smallRun[0];
        long retainedLarge = largeRun[0];
        double ratio = retainedLarge / (double) retainedSmall;
        String figures = String.format("retained %.1f MB for 6 stacks, %.1f MB for 12: x%.2f", retainedSmall / 1e6,
                retainedLarge / 1e6, ratio);
        System.out.println("TemplateScanMemoryTest: " + figures);
        assertTrue(retainedSmall > 1_000_000, "the measurement sees the result: " + figures);
        assertTrue(ratio < 2.6, "memory grows faster than the input: " + figures);
    }

    /** {bytes, resources}: the heap the outcome keeps (settled heap with it minus without it), resources scanned. */
    private static long[] retained(RuleEngine engine, Path input) {
        long before = settledHeap();
        TemplateScan.Outcome outcome = scan(engine, input);
        long with = settledHeap();
        Reference.reachabilityFence(outcome);
        return new long[] {with - before, outcome.resources()};
    }

    private static TemplateScan.Outcome scan(RuleEngine engine, Path input) {
        return new TemplateScan(engine).run(List.of(input), new Diagnostics(), EvidenceFile.none());
    }

    /** Used heap after full collections, once two in a row agree within 1%. */
    private static long settledHeap() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < last / 100) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
