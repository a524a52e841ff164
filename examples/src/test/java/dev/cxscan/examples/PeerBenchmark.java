package dev.cxscan.examples;

import dev.cxscan.cdk.CompetencyChecks;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Peer comparison (not part of {@code mvn verify}): synthesizes the example app three ways in one
 * JVM (no aspect, the cxscan aspect, cdk-nag's AwsSolutionsChecks), N rounds each after a warm-up
 * round, interleaved (in a rotating order) so that drift affects all three alike, and prints the
 * medians, each aspect's overhead over the bare synthesis and their ratio; the same from the
 * per-round differences to the bare synthesis of that round, and from the CPU time of the JVM and
 * the jsii kernel process (which other jobs on a shared machine disturb far less than wall time). Then lists the NoncompliantStack resources each
 * tool flags that the other does not (cdk-nag errors by construct path vs cxscan FAILs).
 *
 * <pre>
 * CDK_VALIDATION=false mvn -B -o -q test-compile exec:java@benchmark -pl examples -am [-Dbenchmark.rounds=15]
 * </pre>
 */
public final class PeerBenchmark {
    private enum Variant { BARE, CXSCAN, CDK_NAG }

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<Variant, List<Long>> times = new LinkedHashMap<>();
        Map<Variant, List<Long>> cpu = new LinkedHashMap<>();
        Map<Variant, List<Long>> paired = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            times.put(v, new ArrayList<>());
            cpu.put(v, new ArrayList<>());
            paired.put(v, new ArrayList<>());
        }
        Map<String, TreeSet<String>> nagByPath = new TreeMap<>();
        Map<String, TreeSet<String>> cxscanByPath = new TreeMap<>();
        long cxscanInAspectMs = 0;
        for (int round = 0; round <= rounds; round++) {
            Map<Variant, Long> thisRound = new LinkedHashMap<>();
            // rotate the order so that no variant always runs first (right after a garbage collection) or last
            List<Variant> order = new ArrayList<>(List.of(Variant.values()));
            java.util.Collections.rotate(order, round % order.size());
            for (Variant v : order) {
                Path outdir = Files.createTempDirectory("cxscan-bench");
                try {
                    App app = GenAiApp.createApp(outdir.toString());
                    CompetencyChecks cxscan = new CompetencyChecks();
                    switch (v) {
                        case CXSCAN -> Aspects.of(app).add(cxscan);
                        case CDK_NAG -> Aspects.of(app).add(new AwsSolutionsChecks());
                        default -> { }
                    }
                    long j0 = jvmCpuNanos();
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    CloudAssembly assembly = app.synth();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    long cpuMs = (cpuNanos() - c0) / 1_000_000;
                    long jvmMs = (jvmCpuNanos() - j0) / 1_000_000;
                    if (round > 0) {
                        times.get(v).add(ms);
                        cpu.get(v).add(cpuMs);
                        thisRound.put(v, ms);
                    }
                    System.err.printf("round %d %-8s %6d ms  cpu %6d ms (jvm %d, node %d)%n", round, v, ms, cpuMs, jvmMs,
                            cpuMs - jvmMs);
                    if (round == rounds && v == Variant.CDK_NAG) {
                        assembly.getStackByName("NoncompliantStack").getMessages().forEach(m -> {
                            String text = String.valueOf(m.getEntry().getData());
                            if ("ERROR".equals(m.getLevel().name()) && text.startsWith("AwsSolutions-")) {
                                nagByPath.computeIfAbsent(m.getId().substring(1), k -> new TreeSet<>())
                                        .add(text.split(":", 2)[0]);
                            }
                        });
                    }
                    if (round == rounds && v == Variant.CXSCAN) {
                        for (Stack stack : List.of((Stack) app.getNode().findChild("CompliantStack"),
                                (Stack) app.getNode().findChild("NoncompliantStack"))) {
                            ScanResult r = cxscan.result(stack).orElseThrow();
                            cxscanInAspectMs += Duration.between(r.scan().startedAt(), r.scan().finishedAt()).toMillis();
                            if (stack.getNode().getId().equals("NoncompliantStack")) {
                                for (Finding f : r.findings()) {
                                    if (f.status() == Status.FAIL) {
                                        cxscanByPath.computeIfAbsent(f.resource().cdkPath(), k -> new TreeSet<>()).add(f.check());
                                    }
                                }
                            }
                        }
                    }
                } finally {
                    delete(outdir);
                }
            }
            if (round > 0) {
                for (Variant v : Variant.values()) {
                    paired.get(v).add(thisRound.get(v) - thisRound.get(Variant.BARE));
                }
            }
        }

        long bare = median(times.get(Variant.BARE));
        long cx = median(times.get(Variant.CXSCAN));
        long nag = median(times.get(Variant.CDK_NAG));
        System.out.printf("%nSynthesis of the example app (2 stacks), median of %d runs each, same JVM, %d cores:%n", rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  bare              %6d ms   runs %s%n", bare, times.get(Variant.BARE));
        System.out.printf("  cxscan aspect     %6d ms   runs %s   overhead %+d ms (%+.0f%%)%n", cx, times.get(Variant.CXSCAN),
                cx - bare, 100.0 * (cx - bare) / bare);
        System.out.printf("  cdk-nag AwsSolutions %3d ms   runs %s   overhead %+d ms (%+.0f%%)%n", nag, times.get(Variant.CDK_NAG),
                nag - bare, 100.0 * (nag - bare) / bare);
        System.out.printf("  cxscan overhead / cdk-nag overhead = %.2f (target < 0.5)%n",
                (double) (cx - bare) / Math.max(1, nag - bare));
        long cxPaired = median(paired.get(Variant.CXSCAN));
        long nagPaired = median(paired.get(Variant.CDK_NAG));
        System.out.printf("  paired (median over rounds of the variant minus bare in the same round): cxscan %+d ms, "
                + "cdk-nag %+d ms, ratio %.2f%n", cxPaired, nagPaired, (double) cxPaired / Math.max(1, nagPaired));
        long bareCpu = median(cpu.get(Variant.BARE));
        long cxCpu = median(cpu.get(Variant.CXSCAN));
        long nagCpu = median(cpu.get(Variant.CDK_NAG));
        System.out.printf("  CPU time (JVM + jsii node process; less sensitive to other jobs on the machine): bare %d ms, "
                + "cxscan %d ms (%+d), cdk-nag %d ms (%+d), ratio %.2f%n", bareCpu, cxCpu, cxCpu - bareCpu, nagCpu,
                nagCpu - bareCpu, (double) (cxCpu - bareCpu) / Math.max(1, nagCpu - bareCpu));
        System.out.printf("  cxscan evaluation inside the aspect (both stacks, last run, template read + rules): %d ms%n",
                cxscanInAspectMs);

        System.out.printf("%nNoncompliantStack: resources flagged by cdk-nag (errors) and by cxscan (FAILs)%n");
        System.out.printf("  cdk-nag flags %d resources, cxscan %d, both %d%n", nagByPath.size(), cxscanByPath.size(),
                nagByPath.keySet().stream().filter(cxscanByPath::containsKey).count());
        System.out.println("  flagged by cdk-nag only:");
        nagByPath.forEach((path, rules) -> {
            if (!cxscanByPath.containsKey(path)) {
                System.out.println("    " + path + "  " + rules);
            }
        });
        System.out.println("  flagged by cxscan only:");
        cxscanByPath.forEach((path, checks) -> {
            if (!nagByPath.containsKey(path)) {
                System.out.println("    " + path + "  " + checks);
            }
        });
        System.out.println("  flagged by both:");
        cxscanByPath.forEach((path, checks) -> {
            if (nagByPath.containsKey(path)) {
                System.out.println("    " + path + "  cxscan " + checks + "  cdk-nag " + nagByPath.get(path));
            }
        });
    }

    /**
     * CPU time consumed so far by this JVM and its child processes (the jsii kernel's node), in
     * nanoseconds; the children's part from /proc (Linux), 0 elsewhere.
     */
    private static long cpuNanos() {
        return jvmCpuNanos() + kernelCpuNanos();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long kernelCpuNanos() {
        long total = 0;
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            Path tasks = Path.of("/proc", Long.toString(child.pid()), "task");
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    String stat = Files.readString(t.resolve("schedstat")).trim();
                    total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or the thread ended: count what could be read
            }
        }
        return total;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
