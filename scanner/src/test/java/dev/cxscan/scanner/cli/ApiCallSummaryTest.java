package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.emulator.AwsWireServer;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * {@code cxscan account} reports calls, retries and throttles per service (stderr and results.json's scan.apiCalls),
 * with CloudTrail behind a loopback server that throttles, then fails, then answers; and validates --max-rps.
 */
class ApiCallSummaryTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private AwsWireServer cloudtrail;

    /** Three LookupEvents calls in the scanned region. */
    static final class LookupProbe implements Probe {
        @Override
        public String service() {
            return "cloudtrail";
        }

        @Override
        public Scope scope() {
            return Scope.REGIONAL;
        }

        @Override
        public void read(ProbeContext c) {
            CloudTrailClient ct = c.clients().client(CloudTrailClient.class, c.region());
            for (int i = 0; i < 3; i++) {
                ProbeSupport.call(c, "cloudtrail", "cloudtrail:LookupEvents", c.region().id(), List.of(),
                        () -> ct.lookupEvents(r -> r.maxResults(1)));
            }
        }
    }

    @BeforeEach
    void wire() throws Exception {
        // the first attempt is throttled, the second fails with a 500, every later one is answered
        AtomicInteger seen = new AtomicInteger();
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        none.putArray("Events");
        cloudtrail = AwsWireServer.start().onTarget("LookupEvents", body -> switch (seen.incrementAndGet()) {
            case 1 -> AwsWireServer.Reply.error(400, "ThrottlingException", "Rate exceeded");
            case 2 -> AwsWireServer.Reply.error(500, "InternalFailure", "try again");
            default -> AwsWireServer.Reply.ok(none);
        });
    }

    @AfterEach
    void stop() {
        cloudtrail.close();
    }

    private CliRun run(String... args) {
        AccountCommand.Setup setup = new AccountCommand.Setup(() -> List.of(new LookupProbe()), List::of,
                RuleEngine::withAllRules, c -> c.withCredentials(MotoServerExtension.CREDENTIALS)
                        .withEndpointOverrides(Map.of("cloudtrail", cloudtrail.endpoint())));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AccountCommand.class ? cls.cast(new AccountCommand(setup)) : CommandLine.defaultFactory().create(cls);
            }
        };
        List<String> all = new ArrayList<>(List.of("account", "--endpoint-url", EMULATOR.endpoint().toString(),
                "--regions", "us-east-1", "--out", dir.resolve("out").toString(), "--format", "json"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CxscanCommand.run(factory, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void callsRetriesAndThrottlesPerServiceAfterTheScan() throws Exception {
        CliRun r = run("--max-rps", "20");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        // one throttle and one server error, both retried: three calls, two retries, one of them throttled
        assertTrue(r.err().contains("cxscan:   cloudtrail: 3 call(s), 2 retry(ies), 1 throttled"), r.err());
        assertTrue(r.err().contains("cxscan:   sts: 1 call(s), 0 retry(ies), 0 throttled"), r.err());
        JsonNode calls = JSON.readTree(Files.readString(dir.resolve("out/results.json"))).at("/scan/apiCalls");
        assertEquals(JSON.readTree("{\"calls\": 3, \"retries\": 2, \"throttles\": 1}"), calls.path("cloudtrail"));
        assertEquals(JSON.readTree("{\"calls\": 1, \"retries\": 0, \"throttles\": 0}"), calls.path("sts"));
        // ec2: the region's reachability check (DescribeRegions)
        assertTrue(calls.path("ec2").path("calls").asInt() >= 1, calls.toString());
        assertEquals(List.of("cloudtrail", "ec2", "sts"), JSON.convertValue(calls, Map.class).keySet().stream().toList());
        assertEquals(5, cloudtrail.requests().size(), "three calls, the first sent three times");
    }

    @Test
    void quietPrintsNoSummaryButResultsStillHaveIt() throws Exception {
        CliRun r = run("--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertFalse(r.err().contains("call(s)"), r.err());
        assertEquals(3, JSON.readTree(Files.readString(dir.resolve("out/results.json")))
                .at("/scan/apiCalls/cloudtrail/calls").asInt());
    }

    @Test
    void maxRpsBelowOneIsAUsageError() {
        for (String bad : new String[] {"0", "-3"}) {
            CliRun r = run("--max-rps", bad);
            assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
            assertTrue(r.err().contains("--max-rps must be at least 1"), r.err());
        }
        CliRun r = run("--max-rps", "fast");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("--max-rps") && r.err().contains("fast"), r.err());
        assertTrue(cloudtrail.requests().isEmpty(), "nothing was scanned");
    }

    @Test
    void helpDocumentsTheCapAndTheAdaptiveRetries() {
        CliRun r = run("--help");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--max-rps=N At most N API calls per second to each AWS service"), help);
        assertTrue(help.contains("adaptive retry mode"), help);
    }
}
