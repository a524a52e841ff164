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
        return run(stub, "json");
    }

    private String[] run(WaToolStub stub, String formats) {
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
                "--format", formats, "--wafr-workload", "arn:aws:wellarchitected:us-east-1:111122223333:workload/"
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
    void aPreproductionReviewReadThroughTheApiWaivesNothingAndEveryReportSaysWhy() throws Exception {
        String reason = "the review's workload environment is PREPRODUCTION; the checklist accepts production customer "
                + "examples only";
        try (WaToolStub stub = new WaToolStub().samples()) {
            stub.ok("GET /workloads/" + WaToolStub.WORKLOAD, workloadOfTheScannedAccount("PREPRODUCTION"));
            String[] r = run(stub, "json,html,evidence");
            assertEquals("0", r[0], r[2]);
            JsonNode results = WaToolStub.JSON.readTree(dir.resolve("out/results.json").toFile());
            assertEquals(reason, results.at("/wafr/review/reviewReasons/0").asText(), results.get("wafr").toString());
            for (JsonNode c : results.path("controls")) {
                assertTrue(!"WAIVED".equals(c.path("status").asText()), c.toString());
                assertEquals(reason, c.at("/waiver/reviewReasons/0").asText(), c.toString());
            }
            String html = java.nio.file.Files.readString(dir.resolve("out/index.html"));
            assertTrue(html.contains("does not count: " + reason.replace("'", "&#39;")), "HTML report header");
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dir.resolve("out/evidence.zip").toFile())) {
                assertTrue(new String(zip.getInputStream(zip.getEntry("evidence/wafr/review.json")).readAllBytes())
                        .contains(reason));
            }
        }
    }

    @Test
    void aLegacyLensReviewReadThroughTheApiWaivesThroughItsOldIds() throws Exception {
        try (WaToolStub stub = new WaToolStub().samples()) {
            String lens = "/workloads/" + WaToolStub.WORKLOAD + "/lensReviews/wellarchitected";
            stub.ok("GET /workloads/" + WaToolStub.WORKLOAD, workloadOfTheScannedAccount("PRODUCTION"));
            stub.ok("GET " + lens, WaToolStub.sample("legacy-2020/get-lens-review.wire.json"))
                    .ok("GET " + lens + "/answers", WaToolStub.sample("legacy-2020/list-answers.wire.json"));
            String[] r = run(stub, "json");
            assertEquals("0", r[0], r[2]);
            JsonNode results = WaToolStub.JSON.readTree(dir.resolve("out/results.json").toFile());
            assertTrue(results.at("/wafr/review/counts").asBoolean(), results.get("wafr").toString());
            JsonNode ope2 = control(results, "OPE-002");
            assertEquals("WAIVED", ope2.path("status").asText(), ope2.toString());
            JsonNode ope1 = control(results, "OPE-001");
            JsonNode observability = ope1.at("/waiver/questions/0");
            assertEquals("telemetry", observability.path("answeredAs").asText(), ope1.toString());
            assertEquals("[\"workload-health\"]", observability.path("alsoAnsweredAs").toString());
            assertTrue(observability.path("counts").asBoolean(), observability.toString());
            assertTrue(ope1.at("/waiver/questions/1/counts").asBoolean(), ope1.toString());
            // the empty emulator account has no alarms: a FAIL of OPE-001's own checks wins over the review
            boolean fails = results.path("findings").findValues("status").stream().anyMatch(s -> s.asText().equals("FAIL"))
                    && ope1.path("waiver").has("conflict");
            assertEquals(fails ? "NOT_WAIVED" : "WAIVED", ope1.at("/waiver/outcome").asText(), ope1.toString());
        }
    }

    /** The sample workload, reviewed for the emulator's account, with the given Environment. */
    private static JsonNode workloadOfTheScannedAccount(String environment) {
        com.fasterxml.jackson.databind.node.ObjectNode w = (com.fasterxml.jackson.databind.node.ObjectNode)
                WaToolStub.sample("get-workload.wire.json").get("Workload");
        w.put("Environment", environment).put("Owner", MotoServerExtension.ACCOUNT);
        w.putArray("AccountIds").add(MotoServerExtension.ACCOUNT);
        return WaToolStub.JSON.createObjectNode().set("Workload", w);
    }

    private static JsonNode control(JsonNode results, String id) {
        for (JsonNode c : results.path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
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
