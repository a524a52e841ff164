package dev.cxscan.scanner.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.cli.AccountCommand;
import dev.cxscan.scanner.cli.ExitCodes;
import dev.cxscan.scanner.demo.Seeder;
import dev.cxscan.scanner.emulator.Fault;
import dev.cxscan.scanner.emulator.FaultProxy;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The noncompliant example account, seeded into the emulator once, scanned through the command line behind a
 * {@link FaultProxy}: first without faults (the baseline), then with faults on the wire. A transient fault is
 * retried by the SDK and changes nothing; a persistent one turns exactly the checks fed by the failing
 * operation into ERROR findings that name the action and the cause, leaves every other check as the baseline
 * has it, and the scan exits 3; random faults never flip a verdict, they only turn checks into ERROR. Every scan
 * ends within a bound, with short session timeouts (5 s per attempt, 30 s per call, 3 attempts; generous enough for a cold emulator on a loaded machine).
 */
class AccountScanUnderFaultsTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    static final String ROLE = "arn:aws:iam::" + MotoServerExtension.ACCOUNT + ":role/cxscan";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Far above what a scan with these timeouts takes, far below a hang. */
    static final Duration BOUND = Duration.ofSeconds(120);
    static final AccountCommand.Setup SHORT_TIMEOUTS = new AccountCommand.Setup(
            AccountCommand.Setup.standard().probes(), AccountCommand.Setup.standard().liveChecks(),
            AccountCommand.Setup.standard().engine(),
            c -> c.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 3));

    static FaultProxy proxy;
    static final AtomicInteger runs = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDCXSCANTEST");
        System.setProperty("aws.secretAccessKey", "cxscan-test-secret");
        proxy = new FaultProxy(EMULATOR.endpoint()).delay(Duration.ofSeconds(40));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A persistent fault: the operation on the wire, the action cxscan names, the checks it feeds, the cause. */
    record Persistent(String operation, Fault fault, String action, Set<String> starved, String cause) {
        @Override
        public String toString() {
            return fault + " on " + operation;
        }
    }

    static Persistent always(String operation, Fault fault, String action, String cause, String... starved) {
        return new Persistent(operation, fault, action, Set.of(starved), cause);
    }

    /**
     * Persistent faults, scanned a group at a time (the operations of a group feed disjoint checks): throttling in
     * each protocol's shape; refusals, resets and server errors; answers that cannot be read or do not come.
     */
    static final Map<String, List<Persistent>> PERSISTENT = Map.of(
            "throttled past the retries", List.of(
                    always("iam:GetAccountPasswordPolicy", Fault.THROTTLE, "iam:GetAccountPasswordPolicy", "Throttling",
                            "iam_password_policy_strong"),
                    always("ec2:DescribeVolumes", Fault.THROTTLE, "ec2:DescribeVolumes", "RequestLimitExceeded",
                            "ebs_volume_encrypted", "backup_plan_present", "backup_resource_covered"),
                    always("s3:GetBucketEncryption", Fault.THROTTLE, "s3:GetEncryptionConfiguration", "SlowDown",
                            "s3_bucket_encrypted"),
                    always("logs:DescribeLogGroups", Fault.THROTTLE, "logs:DescribeLogGroups", "ThrottlingException",
                            "log_group_retention", "log_group_encrypted")),
            "refused, reset or failing", List.of(
                    always("ec2:GetEbsEncryptionByDefault", Fault.ACCESS_DENIED, "ec2:GetEbsEncryptionByDefault",
                            "UnauthorizedOperation", "ebs_default_encryption"),
                    always("monitoring:DescribeAlarms", Fault.ACCESS_DENIED, "cloudwatch:DescribeAlarms", "AccessDenied",
                            "cloudwatch_alarm_actions", "cloudwatch_alarms_present"),
                    always("dynamodb:DescribeTable", Fault.ACCESS_DENIED, "dynamodb:DescribeTable", "AccessDeniedException",
                            "dynamodb_kms_encrypted", "dynamodb_pitr_enabled", "backup_plan_present", "backup_resource_covered"),
                    always("s3:GetBucketVersioning", Fault.RESET, "s3:GetBucketVersioning", "reset",
                            "s3_bucket_versioning", "cloudtrail_bucket_protected"),
                    always("guardduty:GET /detector", Fault.INTERNAL_ERROR, "guardduty:ListDetectors", "InternalError",
                            "network_threat_detection")),
            "unreadable or late answers", List.of(
                    always("rds:DescribeDBInstances", Fault.GARBAGE, "rds:DescribeDBInstances", "unmarshall",
                            "rds_storage_encrypted", "rds_multi_az", "rds_backup_retention", "rds_deletion_protection",
                            "cloudwatch_alarms_present", "backup_plan_present", "backup_resource_covered"),
                    always("sns:GetTopicAttributes", Fault.TRUNCATED, "sns:GetTopicAttributes", "unmarshall",
                            "sns_topic_encrypted"),
                    always("account:POST /getAlternateContact", Fault.DELAY, "account:GetAlternateContact", "timeout",
                            "account_alternate_contacts")));

    /** Transient faults: each fails the first two requests of its operation (a delay: the first); the SDK's retries get through. */
    static final Map<String, Fault> TRANSIENT = Map.of(
            "iam:GetAccountSummary", Fault.THROTTLE,
            "ec2:DescribeSecurityGroups", Fault.THROTTLE,
            "s3:GetBucketPolicy", Fault.THROTTLE,
            "dynamodb:DescribeTable", Fault.THROTTLE,
            "rds:DescribeDBInstances", Fault.INTERNAL_ERROR,
            "s3:GetPublicAccessBlock", Fault.RESET,
            "cloudtrail:DescribeTrails", Fault.RESET,
            "ec2:DescribeVpcs", Fault.DELAY);

    record Scan(int exit, String err, JsonNode results) {
        /** "check resource-id region" -> statuses, for every finding. */
        Map<String, String> statuses() {
            Map<String, List<String>> out = new TreeMap<>();
            results.path("findings").forEach(f -> out.computeIfAbsent(f.path("check").asText() + " "
                    + f.at("/resource/id").asText() + " " + f.at("/resource/region").asText(), k -> new ArrayList<>())
                    .add(f.path("status").asText()));
            Map<String, String> flat = new TreeMap<>();
            out.forEach((k, v) -> flat.put(k, String.join(",", v.stream().sorted().toList())));
            return flat;
        }

        List<JsonNode> findings(String check) {
            List<JsonNode> out = new ArrayList<>();
            results.path("findings").forEach(f -> {
                if (f.path("check").asText().equals(check)) {
                    out.add(f);
                }
            });
            return out;
        }

        Set<String> checks() {
            Set<String> out = new TreeSet<>();
            results.path("findings").forEach(f -> out.add(f.path("check").asText()));
            return out;
        }
    }

    static Scan scan(String... extra) throws Exception {
        Path out = dir.resolve("scan-" + runs.incrementAndGet());
        List<String> args = new ArrayList<>(List.of("account", "--endpoint-url", proxy.endpoint().toString(),
                "--role-arn", ROLE, "--external-id", "partner-x", "--regions", "us-east-1", "--out", out.toString(),
                "--format", "json", "--fail-on", "none", "--quiet"));
        args.addAll(List.of(extra));
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AccountCommand.class ? cls.cast(new AccountCommand(SHORT_TIMEOUTS))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        long t0 = System.nanoTime();
        int exit = assertTimeoutPreemptively(BOUND, () -> CxscanCommand.run(factory, new PrintWriter(so),
                new PrintWriter(se), args.toArray(String[]::new)), "the scan hangs: " + proxy.injected());
        System.out.printf("scan %d: exit %d in %d ms, injected %s%n", runs.get(), exit,
                (System.nanoTime() - t0) / 1_000_000, proxy.injected());
        Path results = out.resolve("results.json");
        return new Scan(exit, se.toString(), Files.exists(results) ? JSON.readTree(results.toFile()) : null);
    }

    @TestFactory
    Stream<DynamicTest> faultsOnTheWire() throws Exception {
        new Seeder().seed(EMULATOR.endpoint().toString(), "noncompliant");
        createScanRole();
        proxy.reset();
        Scan baseline = scan();
        assertEquals(ExitCodes.SCAN_ERROR, baseline.exit(), "moto lacks LookupEvents: exit 3 already\n" + baseline.err());
        assertEquals(List.of(), proxy.injected());
        Map<String, String> base = baseline.statuses();
        // the only errors without faults are the emulator's gaps; anything else (a slow cold call) would spoil the comparisons
        assertEquals(Set.of("no_console_changes", "root_not_used_recently"),
                new TreeSet<>(base.entrySet().stream().filter(e -> e.getValue().contains("ERROR"))
                        .map(e -> e.getKey().substring(0, e.getKey().indexOf(' '))).toList()), "baseline errors: " + base);
        assertTrue(base.values().stream().anyMatch(s -> s.contains("FAIL")) && base.values().stream()
                .anyMatch(s -> s.contains("PASS")), "the baseline has verdicts to keep: " + base);
        for (List<Persistent> group : PERSISTENT.values()) {
            for (Persistent p : group) {
                assertTrue(proxy.seen().containsKey(p.operation()), p.operation() + " is called: " + proxy.seen().keySet());
                p.starved().forEach(c -> assertTrue(baseline.checks().contains(c), c + " has a baseline finding"));
            }
        }
        TRANSIENT.keySet().forEach(op -> assertTrue(proxy.seen().containsKey(op), op + " is called: " + proxy.seen().keySet()));

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("transient faults are retried and change nothing", () -> {
            proxy.reset();
            // a delay costs a whole attempt timeout: one is enough to show the retry
            TRANSIENT.forEach((op, fault) -> proxy.fail(op, fault, fault == Fault.DELAY ? 1 : 2));
            Scan s = scan();
            assertEquals(TRANSIENT.size(), proxy.injected().size(), "every fault was injected: " + proxy.injected());
            assertEquals(List.of(), differences(base, s.statuses()), "faults injected: " + proxy.injected());
            assertEquals(baseline.exit(), s.exit());
        }));
        PERSISTENT.forEach((name, group) -> tests.add(dynamicTest(name + ": " + group, () -> {
            proxy.reset();
            group.forEach(p -> proxy.fail(p.operation(), p.fault(), FaultProxy.ALWAYS));
            Scan s = scan();
            assertEquals(ExitCodes.SCAN_ERROR, s.exit(), s.err());
            Set<String> starved = new TreeSet<>();
            for (Persistent p : group) {
                assertTrue(proxy.injected().stream().anyMatch(i -> i.operation().equals(p.operation())),
                        p + " was injected: " + proxy.injected());
                starved.addAll(p.starved());
                for (String check : p.starved()) {
                    List<JsonNode> findings = s.findings(check);
                    assertFalse(findings.isEmpty(), check + " is missing");
                    for (JsonNode f : findings) {
                        assertEquals("ERROR", f.path("status").asText(), p + " starves " + check + ": " + f);
                        String m = f.path("message").asText();
                        assertTrue(m.contains(p.action()) && m.toLowerCase(Locale.ROOT)
                                .contains(p.cause().toLowerCase(Locale.ROOT)), check + " names " + p.action()
                                + " and " + p.cause() + ": " + m);
                    }
                }
            }
            assertEquals(List.of(), differences(without(base, starved), without(s.statuses(), starved)),
                    "checks not fed by " + group + " keep their baseline status");
        })));
        tests.add(dynamicTest("RESET always on ec2:DescribeRegions: the region is skipped, said even with --quiet", () -> {
            proxy.reset();
            proxy.fail("ec2:DescribeRegions", Fault.RESET, FaultProxy.ALWAYS);
            Scan s = scan();
            assertEquals(ExitCodes.SCAN_ERROR, s.exit(), s.err());
            assertTrue(s.err().lines().anyMatch(l -> l.startsWith("cxscan: error: region us-east-1 was not scanned: "
                    + "cannot be reached") && l.contains("reset")), s.err());
            assertEquals(0, s.results().at("/scan/regions").size(), "no region scanned: " + s.results().at("/scan"));
            // the global probes still read (S3's bucket list covers every region's buckets); no verdict is new
            List<String> verdicts = new ArrayList<>();
            s.statuses().forEach((k, status) -> {
                if ((status.contains("PASS") || status.contains("FAIL")) && !status.equals(base.get(k))) {
                    verdicts.add(k + ": " + base.get(k) + " -> " + status);
                }
            });
            assertEquals(List.of(), verdicts, "verdicts the baseline does not have");
            assertTrue(s.findings("ebs_default_encryption").stream().noneMatch(f -> f.path("status").asText()
                    .matches("PASS|FAIL")), "a regional check is not judged: " + s.findings("ebs_default_encryption"));
        }));
        tests.add(dynamicTest("AccessDenied on every call but STS: nothing but ERROR where the baseline judged", () -> {
            proxy.reset();
            proxy.fail(op -> !op.startsWith("sts:"), Fault.ACCESS_DENIED, FaultProxy.ALWAYS);
            Scan s = scan();
            assertEquals(ExitCodes.SCAN_ERROR, s.exit(), s.err());
            Set<String> missing = baseline.checks();
            missing.removeAll(s.checks());
            assertEquals(Set.of(), missing, "checks missing");
            Set<String> judged = new TreeSet<>();
            base.forEach((k, status) -> {
                if (!status.equals("NOT_APPLICABLE")) {
                    judged.add(k.substring(0, k.indexOf(' ')));
                }
            });
            List<String> notError = new ArrayList<>();
            s.statuses().forEach((k, status) -> {
                if (judged.contains(k.substring(0, k.indexOf(' '))) && !onlyErrors(status)) {
                    notError.add(k + " " + status);
                }
            });
            assertEquals(List.of(), notError, "a check judged without any data");
        }));
        tests.add(dynamicTest("random faults (seed 7, 10%) only ever turn a check into ERROR", () -> {
            proxy.reset();
            proxy.random(7, 0.1, List.of(Fault.THROTTLE, Fault.INTERNAL_ERROR, Fault.RESET, Fault.TRUNCATED,
                    Fault.GARBAGE, Fault.ACCESS_DENIED), op -> !op.startsWith("sts:"));
            Scan s = scan();
            assertFalse(proxy.injected().isEmpty(), "faults were injected");
            assertEquals(ExitCodes.SCAN_ERROR, s.exit(), s.err());
            Map<String, String> got = s.statuses();
            Set<String> baseChecks = baseline.checks();
            baseChecks.removeAll(s.checks());
            assertEquals(Set.of(), baseChecks, "checks missing after " + proxy.injected());
            List<String> flipped = new ArrayList<>();
            base.forEach((k, status) -> {
                String now = got.get(k);
                if (now != null && !now.equals(status) && !onlyErrors(now)) {
                    flipped.add(k + ": " + status + " -> " + now);
                }
            });
            got.forEach((k, status) -> {
                if (!base.containsKey(k) && !onlyErrors(status)) {
                    flipped.add(k + ": new " + status);
                }
            });
            assertEquals(List.of(), flipped, "faults injected: " + proxy.injected());
        }));
        tests.add(identityFails("sts:AssumeRole", Fault.ACCESS_DENIED,
                "cannot assume role " + ROLE + " (sts:AssumeRole): AccessDenied"));
        tests.add(identityFails("sts:GetCallerIdentity", Fault.ACCESS_DENIED, "sts:GetCallerIdentity failed: AccessDenied"));
        tests.add(identityFails("sts:GetCallerIdentity", Fault.RESET, "sts:GetCallerIdentity failed: Unable to execute "
                + "HTTP request: Connection reset"));
        return tests.stream();
    }

    /** "key: baseline -> now" for every finding key whose statuses differ. */
    static List<String> differences(Map<String, String> baseline, Map<String, String> now) {
        Set<String> keys = new TreeSet<>(baseline.keySet());
        keys.addAll(now.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(baseline.get(k), now.get(k)))
                .map(k -> k + ": " + baseline.get(k) + " -> " + now.get(k)).toList();
    }

    /** Statuses of one finding key ("ERROR" or "ERROR,ERROR"): nothing but ERROR. */
    static boolean onlyErrors(String statuses) {
        return List.of(statuses.split(",")).stream().allMatch("ERROR"::equals);
    }

    static Map<String, String> without(Map<String, String> statuses, Set<String> checks) {
        Map<String, String> out = new TreeMap<>(statuses);
        out.keySet().removeIf(k -> checks.contains(k.substring(0, k.indexOf(' '))));
        return out;
    }

    /** The identity step failing: exit 3, no report, and one line saying which call failed and why. */
    static DynamicTest identityFails(String operation, Fault fault, String says) {
        return dynamicTest(fault + " on " + operation + " stops the scan", () -> {
            proxy.reset();
            proxy.fail(operation, fault, FaultProxy.ALWAYS);
            Scan s = scan();
            assertEquals(ExitCodes.SCAN_ERROR, s.exit(), s.err());
            assertFalse(proxy.injected().isEmpty());
            assertEquals(null, s.results(), "no report without an identity");
            List<String> errors = s.err().lines().filter(l -> l.startsWith("cxscan: error: ")).toList();
            assertEquals(1, errors.size(), s.err());
            assertTrue(errors.get(0).contains(says), "says " + says + ": " + errors.get(0));
        });
    }

    static void createScanRole() {
        try (IamClient iam = IamClient.builder().region(Region.US_EAST_1).endpointOverride(EMULATOR.endpoint())
                .credentialsProvider(MotoServerExtension.CREDENTIALS).build()) {
            iam.createRole(b -> b.roleName("cxscan").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\","
                            + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"partner-x\"}}}]}"));
        }
    }
}
