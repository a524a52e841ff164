package dev.cxscan.scanner.bench;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.demo.EmulatorClients;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.ScanProgress;
import dev.cxscan.scanner.live.SessionConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The account scan benchmark of issue 4 ("Scale"), not part of mvn verify (bench/run-account-bench.sh runs it
 * against a moto_server it starts): seeds a large account over 4 regions (security groups with ingress rules,
 * roles with an inline and a managed policy, buckets, DB instances), then scans it with {@code --concurrency 1}
 * and with the default in the same JVM, and prints the API calls per resource per service (the session's
 * {@link dev.cxscan.scanner.live.ApiCallRecorder}), both wall times and their ratio, and peak memory.
 *
 * <p>Usage: AccountScanBenchmark ENDPOINT [SCALE] [LARGE] - SCALE (default 1.0) multiplies every count
 * (1.0 = 2,000 security groups, 500 roles, 300 buckets, 100 DB instances). LARGE &gt; 0 adds that many generated
 * security groups (spread over the regions, {@link BulkSecurityGroupFront}) and measures one scan by the
 * launcher's JVM as a child process instead ({@link LargeAccountRun}).
 */
public final class AccountScanBenchmark {
    static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.US_WEST_2, Region.EU_WEST_1, Region.EU_CENTRAL_1);
    static final String ACCOUNT = "123456789012";

    private AccountScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int sgs = (int) (2000 * scale);
        int roles = (int) (500 * scale);
        int buckets = (int) (300 * scale);
        int dbs = (int) (100 * scale);
        System.out.printf(Locale.ROOT, "seeding %d security groups, %d roles (inline + managed policy), %d buckets, "
                + "%d DB instances over %d regions%n", sgs, roles, buckets, dbs, REGIONS.size());
        long t0 = System.nanoTime();
        seed(endpoint, sgs, roles, buckets, dbs);
        System.out.printf(Locale.ROOT, "seeded in %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
        int large = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (large > 0) {
            LargeAccountRun.run(endpoint, large, REGIONS, ACCOUNT);
            return;
        }

        Run serial = scan(endpoint, 1);
        Run parallel = scan(endpoint, 8);
        System.out.println("calls per resource (concurrency 8 run; the counts are the same for both):");
        System.out.printf(Locale.ROOT, "  %-22s %8s %10s %14s%n", "service", "calls", "resources", "calls/resource");
        Map<String, Long> calls = new TreeMap<>();
        parallel.calls().forEach((action, n) -> calls.merge(action.substring(0, action.indexOf(':')), n, Long::sum));
        calls.forEach((service, n) -> {
            int res = parallel.resources().getOrDefault(service, 0);
            System.out.printf(Locale.ROOT, "  %-22s %8d %10d %14s%n", service, n, res,
                    res == 0 ? "-" : String.format(Locale.ROOT, "%.3f", n / (double) res));
        });
        System.out.println();
        System.out.println("calls per action:");
        parallel.calls().forEach((a, n) -> System.out.printf(Locale.ROOT, "  %-50s %6d%n", a, n));
        System.out.println();
        System.out.printf(Locale.ROOT, "resources read: %d; findings: %d / %d%n", parallel.total(), serial.findings(),
                parallel.findings());
        System.out.printf(Locale.ROOT, "wall time --concurrency 1: %.2f s%n", serial.seconds());
        System.out.printf(Locale.ROOT, "wall time --concurrency 8 (default): %.2f s%n", parallel.seconds());
        System.out.printf(Locale.ROOT, "ratio: %.2fx%n", serial.seconds() / parallel.seconds());
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks): %d MB; peak RSS: %s%n", heap >> 20, peakRss());
    }

    record Run(double seconds, Map<String, Long> calls, Map<String, Integer> resources, int total, int findings) {
    }

    static Run scan(URI endpoint, int concurrency) throws Exception {
        SessionConfig config = SessionConfig.defaults()
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                .withEndpoint(endpoint).withMaxConnections(Math.max(50, concurrency * 2));
        long t0 = System.nanoTime();
        try (AwsSession session = new AwsSession(config, Region.US_EAST_1)) {
            AccountScan.Outcome o = new AccountScan(session, session.identity().account(), Region.US_EAST_1,
                    AccountScan.loadProbes(), AccountScan.loadLiveChecks(), RuleEngine.withAllRules(), concurrency,
                    ScanProgress.NONE).reachability(session::unreachable).run(REGIONS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Integer> byService = new TreeMap<>();
            for (List<Resource> list : o.inventory().resourcesByRegion().values()) {
                for (Resource r : list) {
                    byService.merge(service(r.type()), 1, Integer::sum);
                }
            }
            System.out.printf(Locale.ROOT, "scan --concurrency %d: %.2f s, %d API calls, %d resources, %d findings%n",
                    concurrency, seconds, session.recorder().total(), o.resources(), o.findings().size());
            return new Run(seconds, session.recorder().calls(), byService, o.resources(), o.findings().size());
        }
    }

    /** AWS::EC2::SecurityGroup -> ec2 (the IAM prefix of the calls that read it). */
    static String service(String type) {
        String s = type.split("::")[1].toLowerCase(Locale.ROOT);
        return switch (s) {
            case "elasticloadbalancingv2" -> "elasticloadbalancing";
            case "efs" -> "elasticfilesystem";
            default -> s;
        };
    }

    static void seed(URI endpoint, int sgs, int roles, int buckets, int dbs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (EmulatorClients c = new EmulatorClients(endpoint)) {
            parallel(pool, "security groups", sgs, i -> {
                Region r = REGIONS.get(i % REGIONS.size());
                Ec2Client ec2 = c.client(Ec2Client.class, r);
                String id = ec2.createSecurityGroup(b -> b.groupName("bench-sg-" + i).description("bench " + i)).groupId();
                int port = i % 3 == 0 ? 22 : 443;
                ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(p -> p.ipProtocol("tcp")
                        .fromPort(port).toPort(port).ipRanges(x -> x.cidrIp(i % 2 == 0 ? "0.0.0.0/0" : "10.0.0.0/8"))));
            });
            IamClient iam = c.get(IamClient.class);
            int managed = Math.max(1, roles / 10);
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < managed; i++) {
                String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::bench-" + i + "/*\"}]}";
                int n = i;
                arns.add(iam.createPolicy(b -> b.policyName("bench-managed-" + n).policyDocument(doc)).policy().arn());
            }
            parallel(pool, "roles", roles, i -> {
                String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
                iam.createRole(b -> b.roleName("bench-role-" + i).assumeRolePolicyDocument(trust));
                iam.putRolePolicy(b -> b.roleName("bench-role-" + i).policyName("inline")
                        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + (i % 5 == 0 ? "\"*\"" : "\"sqs:SendMessage\"") + ",\"Resource\":\"*\"}]}"));
                iam.attachRolePolicy(b -> b.roleName("bench-role-" + i).policyArn(arns.get(i % arns.size())));
            });
            parallel(pool, "buckets", buckets, i -> {
                Region r = REGIONS.get(i % REGIONS.size());
                S3Client s3 = c.client(S3Client.class, r);
                s3.createBucket(b -> {
                    b.bucket("bench-bucket-" + i);
                    if (!r.equals(Region.US_EAST_1)) {
                        b.createBucketConfiguration(x -> x.locationConstraint(r.id()));
                    }
                });
                if (i % 2 == 0) {
                    s3.putBucketVersioning(b -> b.bucket("bench-bucket-" + i).versioningConfiguration(v -> v.status("Enabled")));
                }
            });
            parallel(pool, "DB instances", dbs, i -> {
                Region r = REGIONS.get(i % REGIONS.size());
                c.client(RdsClient.class, r).createDBInstance(b -> b.dbInstanceIdentifier("bench-db-" + i).engine("postgres")
                        .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("bench")
                        .masterUserPassword("bench-password-" + i).storageEncrypted(i % 2 == 0).multiAZ(i % 4 == 0));
            });
        } finally {
            pool.shutdownNow();
        }
    }

    static void parallel(ExecutorService pool, String what, int n, IntConsumer task) throws Exception {
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> task.accept(k)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        System.out.printf(Locale.ROOT, "  %d %s in %.1f s%n", n, what, (System.nanoTime() - t0) / 1e9);
    }

    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "n/a";
    }
}
