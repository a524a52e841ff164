package dev.cxscan.scanner.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The large-account part of the account benchmark (issue 7, "Limits, measured"): puts
 * {@link BulkSecurityGroupFront} in front of the seeded moto account and runs {@code cxscan account} as the user
 * does (the {@code ./cxscan} launcher with its JVM flags, the default report formats including the evidence bundle)
 * with the heap capped at {@code -Xmx1g} (the launcher's default; {@code cxscan.bench.xmx} sets another), and reports
 * resources, API calls, findings, wall time, the process's peak RSS (GNU time's maximum resident set, the kernel's
 * VmHWM) and its heap high-water marks from the GC log.
 * Target: the scan completes within the 1 GB heap and its peak RSS stays under 1 GB.
 */
final class LargeAccountRun {
    private static final Pattern SUMMARY = Pattern.compile(
            "read (\\d+) resource\\(s\\) in (\\d+) region\\(s\\) with (\\d+) API call\\(s\\).*?: (\\d+) finding\\(s\\) in (\\d+) ms");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private LargeAccountRun() {
    }

    static void run(URI moto, int groups, List<Region> regions, String account) throws Exception {
        Path jar = Path.of("scanner/target/cxscan.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run from the repository root after building: " + jar + " is missing");
        }
        Path work = Files.createTempDirectory("cxscan-large-account");
        int perRegion = groups / regions.size();
        String xmx = System.getProperty("cxscan.bench.xmx", "1g");
        try (BulkSecurityGroupFront front = new BulkSecurityGroupFront(moto, perRegion, account)) {
            System.out.printf(Locale.ROOT, "large account: %d generated security groups per region x %d regions in "
                    + "front of moto at %s (front %s)%n", perRegion, regions.size(), moto, front.endpoint());
            List<String> cmd = new ArrayList<>();
            Path time = Path.of("/usr/bin/time");
            Path timeOut = work.resolve("time.txt");
            boolean gnuTime = Files.isExecutable(time);
            if (gnuTime) {
                cmd.addAll(List.of(time.toString(), "-f", "%e %M", "-o", timeOut.toString()));
            }
            Path gcLog = work.resolve("gc.log");
            // the launcher, as a user runs it: its JVM flags (serial GC, C1 only, the AppCDS archive, -Xmx1g), then
            // CXSCAN_JAVA_OPTS, which here sets the heap cap under test and the GC log, plus the caller's own flags
            // (e.g. -XX:NativeMemoryTracking=summary to look inside)
            String extra = System.getenv("CXSCAN_JAVA_OPTS");
            String opts = "-Xmx" + xmx + " -Xlog:gc:file=" + gcLog + (extra == null || extra.isBlank() ? "" : " " + extra.trim());
            cmd.addAll(List.of(Path.of("cxscan").toAbsolutePath().toString(), "account",
                    "--endpoint-url", front.endpoint().toString(),
                    "--regions", regions.stream().map(Region::id).collect(Collectors.joining(",")),
                    "--out", work.resolve("report").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(work.resolve("stdout.txt").toFile())
                    .redirectError(work.resolve("stderr.txt").toFile());
            pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().remove("AWS_PROFILE");
            pb.environment().put("CXSCAN_JAVA_OPTS", opts);
            long t0 = System.nanoTime();
            Process p = pb.start();
            long hwm = 0;
            while (p.isAlive()) { // without GNU time: the child's VmHWM, read while it runs
                if (!gnuTime) {
                    hwm = Math.max(hwm, vmHwmKb(p.pid()));
                }
                Thread.sleep(50);
            }
            int exit = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (gnuTime) {
                String[] t = Files.readAllLines(timeOut).get(Files.readAllLines(timeOut).size() - 1).trim().split(" ");
                wall = Double.parseDouble(t[0]);
                hwm = Long.parseLong(t[1]);
            }
            String err = Files.readString(work.resolve("stderr.txt"));
            Matcher m = SUMMARY.matcher(err);
            if (!m.find()) {
                System.out.println("no scan summary on stderr (exit " + exit + "):\n" + err);
                return;
            }
            long[] heap = heapHighWater(gcLog);
            System.out.printf(Locale.ROOT, "cxscan account (the launcher, -Xmx%s, default formats): exit %d%n", xmx, exit);
            System.out.printf(Locale.ROOT, "  resources %s, regions %s, API calls %s (DescribeSecurityGroups pages "
                    + "generated: %d), findings %s, scan %s ms%n", m.group(1), m.group(2), m.group(3), front.pagesServed(),
                    m.group(4), m.group(5));
            System.out.printf(Locale.ROOT, "  wall %.1f s (scan and reports), peak RSS %d MB%s, heap at most %d MB "
                    + "before a collection, %d MB after one (%s), %d MB committed%n", wall, hwm >> 10,
                    gnuTime ? " (GNU time)" : " (VmHWM)", heap[0], heap[1],
                    heap[3] > 0 ? "live after a full collection: " + heap[3] + " MB" : "no full collection after start-up",
                    heap[2]);
            System.out.printf(Locale.ROOT, "  report files: %s%n", Files.list(work.resolve("report"))
                    .map(f -> f.getFileName() + " " + size(f)).sorted().collect(Collectors.joining(", ")));
            System.out.printf(Locale.ROOT, "target: peak RSS < 1024 MB (-Xmx%s), no OutOfMemoryError: %s%n", xmx,
                    hwm >> 10 < 1024 && !err.contains("OutOfMemoryError") ? "HOLDS" : "MISSED");
            System.out.println("work dir: " + work);
        }
    }

    /**
     * {before, after, committed, live}: the largest heap occupancy before a collection, the largest left after any
     * collection (a young collection's "after" also counts old garbage it does not reclaim), the largest committed
     * heap, and the largest left after a full collection once the scan is under way (the live data; 0 when the
     * only full collections were the start-up's metadata ones), in MB.
     */
    static long[] heapHighWater(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        long live = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                    if (line.contains("Pause Full") && !line.contains("Metadata GC Threshold")) {
                        live = Math.max(live, Long.parseLong(m.group(2)));
                    }
                }
            }
        }
        return new long[] {before, after, committed, live};
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
        return 0;
    }

    private static String size(Path f) {
        try {
            return Files.isDirectory(f) ? "(folder)" : String.format(Locale.ROOT, "%.1f MB", Files.size(f) / 1e6);
        } catch (IOException e) {
            return "?";
        }
    }
}
