package dev.cxscan.scanner.wafr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.cli.AccountCommand;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cxscan account --wafr-workload}: the review is read through the scan's session, before the scan. */
class AccountWafrApiTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    @TempDir
    Path dir;

    private String[] run(WaToolStub stub) {
        AccountCommand.Setup setup = new AccountCommand.Setup(List::of, List::of, RuleEngine::withAllRules,
                c -> c.withCredentials(MotoServerExtension.CREDENTIALS)
                        .withEndpointOverrides(Map.of("wellarchitected", stub.endpoint())));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AccountCommand.class ? cls.cast(new AccountCommand(setup)) : CommandLine.defaultFactory().create(cls);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CxscanCommand.run(factory, new PrintWriter(out), new PrintWriter(err), "account", "--endpoint-url",
                EMULATOR.endpoint().toString(), "--regions", "us-east-1", "--out", dir.resolve("out").toString(),
                "--format", "json", "--wafr-workload", "arn:aws:wellarchitected:us-east-1:111122223333:workload/"
                        + WaToolStub.WORKLOAD, "--wafr-max-age", "100000");
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void theReviewIsReadThroughTheSessionAndJudgedAgainstTheScannedAccount() throws Exception {
        try (WaToolStub stub = new WaToolStub().samples()) {
            String[] r = run(stub);
            assertEquals("0", r[0], r[2]);
            assertTrue(stub.requests.stream().anyMatch(x -> x.startsWith("GET /workloads/" + WaToolStub.WORKLOAD)),
                    stub.requests.toString());
            JsonNode results = WaToolStub.JSON.readTree(dir.resolve("out/results.json").toFile());
            String wafr = results.path("wafr").toString();
            assertTrue(wafr.contains("\"api\""), "the review came from the API: " + wafr);
            JsonNode rel = null;
            for (JsonNode c : results.path("controls")) {
                if (c.path("id").asText().equals("REL-002")) {
                    rel = c;
                }
            }
            assertTrue(rel != null && rel.path("waiver").path("accountBasis").asText().equals("scanned account"),
                    "judged against the account the scan observed: " + rel);
            assertTrue(rel.path("waiver").toString().contains(MotoServerExtension.ACCOUNT), rel.toString());
        }
    }

    @Test
    void theReviewsCallsAreInThePerServiceFigures() throws Exception {
        try (WaToolStub stub = new WaToolStub().samples()) {
            String[] r = run(stub);
            assertEquals("0", r[0], r[2]);
            int requests = stub.requests.size();
            assertTrue(requests >= 3, "GetWorkload, GetLensReview, ListAnswers: " + stub.requests);
            JsonNode apiCalls = WaToolStub.JSON.readTree(dir.resolve("out/results.json").toFile()).path("scan")
                    .path("apiCalls");
            assertEquals(requests, apiCalls.path("wellarchitected").path("calls").asInt(-1),
                    "every request the Well-Architected Tool saw is counted: " + apiCalls + " " + stub.requests);
            assertTrue(r[2].contains("wellarchitected: " + requests + " call(s), 0 retry(ies), 0 throttled"), r[2]);
        }
    }

    @Test
    void anApiErrorExitsThreeBeforeScanning() throws Exception {
        try (WaToolStub stub = new WaToolStub()) {
            stub.error("GET /workloads/" + WaToolStub.WORKLOAD, 403, "AccessDeniedException", "User is not authorized");
            String[] r = run(stub);
            assertEquals("3", r[0], r[2]);
            assertTrue(r[2].contains("GetWorkload"), r[2]);
            assertTrue(!r[2].contains("reading 0 (service, region)"), "no scan after the failed import: " + r[2]);
        }
    }
}
