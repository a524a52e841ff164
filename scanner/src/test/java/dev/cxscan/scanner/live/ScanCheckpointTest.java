package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** The --resume folder without a network: what is saved, what is reused, what is read again, and why. */
class ScanCheckpointTest {
    private static final String ACCOUNT = "123456789012";
    private static final List<Region> TWO = List.of(Region.US_EAST_1, Region.EU_WEST_1);

    @TempDir
    Path dir;

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ec2Reads = new AtomicInteger();
    private final AtomicInteger iamReads = new AtomicInteger();

    /** ec2: one open security group per region plus a fact; iam: one role, and a throttle error in the first run. */
    private List<Probe> probes(boolean iamFails) {
        TestProbe ec2 = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> {
            ec2Reads.incrementAndGet();
            c.inventory().add(c.region().id(), TestProbe.openSecurityGroup("sg-" + c.region().id(), c.region().id(), 22));
            c.inventory().fact("ec2:GetEbsEncryptionByDefault@" + c.region().id(),
                    JsonNodeFactory.instance.objectNode().put("EbsEncryptionByDefault", false));
        });
        TestProbe iam = new TestProbe("iam", Probe.Scope.GLOBAL, List.of("iam_role_trust_restricted"), c -> {
            iamReads.incrementAndGet();
            c.inventory().add(LiveInventory.GLOBAL, TestProbe.openRole("Open"));
            if (iamFails) {
                c.inventory().error(new ProbeError("iam", "iam:ListRoles", "Throttling", "Rate exceeded", null,
                        List.of("iam_role_trust_restricted")));
            }
        });
        return List.of(ec2, iam);
    }

    private AccountScan.Outcome scan(List<Probe> probes, ScanCheckpoint checkpoint) throws InterruptedException {
        return new AccountScan(TestProbe.NO_CLIENTS, ACCOUNT, Region.US_EAST_1, probes, List.of(),
                RuleEngine.withAllRules(), 4, ScanProgress.NONE).checkpoint(checkpoint).run(TWO);
    }

    private ScanCheckpoint open() throws ScanCheckpoint.CheckpointException {
        return ScanCheckpoint.open(dir, ACCOUNT, "1.0", warnings::add);
    }

    private static Set<String> findings(AccountScan.Outcome o) {
        return o.findings().stream().map(ScanCheckpointTest::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String key(Finding f) {
        return f.check() + " " + (f.resource() == null ? "-" : f.resource().id() + "@" + f.resource().region())
                + " " + f.status() + " " + f.message();
    }

    @Test
    void savedPartsAreReusedWithoutReadingAndGiveTheSameFindings() throws Exception {
        AccountScan.Outcome first = scan(probes(false), open());
        assertEquals(3, ec2Reads.get() + iamReads.get());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("manifest.json", "part-global-iam.json", "part-us-east-1-ec2.json", "part-eu-west-1-ec2.json"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }

        ScanCheckpoint again = open();
        AccountScan.Outcome resumed = scan(probes(false), again);
        assertEquals(3, ec2Reads.get() + iamReads.get(), "no part is read a second time");
        assertEquals(3, again.reused());
        assertEquals(0, again.saved());
        assertEquals(findings(first), findings(resumed));
        assertEquals(first.inventory().facts(), resumed.inventory().facts());
        assertEquals(first.resources(), resumed.resources());
        Resource sg = resumed.inventory().resourcesByRegion().get("eu-west-1").get(0);
        Resource original = first.inventory().resourcesByRegion().get("eu-west-1").get(0);
        assertEquals(original.location(), sg.location());
        assertEquals(original.definition(), sg.definition());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aReusedPartGivesFindingsWithTheResourcesNameAndTags() throws Exception {
        TestProbe ec2 = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> {
            ec2Reads.incrementAndGet();
            Resource sg = TestProbe.openSecurityGroup("sg-" + c.region().id(), c.region().id(), 22);
            ((com.fasterxml.jackson.databind.node.ObjectNode) sg.properties()).put("GroupName", "web-sg")
                    .putArray("Tags").addObject().put("Key", "team").put("Value", "genai");
            c.inventory().add(c.region().id(), Resource.live(sg.type(), sg.id(), sg.location().arn(), c.region().id(),
                    (com.fasterxml.jackson.databind.node.ObjectNode) sg.properties()));
        });
        AccountScan.Outcome first = scan(List.of(ec2), open());
        ScanCheckpoint again = open();
        AccountScan.Outcome resumed = scan(List.of(ec2), again);
        assertEquals(2, again.reused());
        assertEquals(2, ec2Reads.get());
        Finding f = resumed.findings().stream().filter(x -> x.check().equals("ec2_sg_no_public_admin_ports")).findFirst().orElseThrow();
        assertEquals("web-sg", f.resource().name());
        assertEquals(java.util.Map.of("team", "genai"), f.resource().tags());
        assertEquals(first.findings().stream().map(x -> x.resource().name() + " " + x.resource().tags()).toList(),
                resumed.findings().stream().map(x -> x.resource().name() + " " + x.resource().tags()).toList());
    }

    @Test
    void aPartOfTheFormerFormatIsReadAgain() throws Exception {
        scan(probes(false), open());
        Path part = dir.resolve("part-us-east-1-ec2.json");
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(part.toFile());
        old.put("formatVersion", 1); // locations without name and tags
        Files.writeString(part, old.toString());
        ScanCheckpoint again = open();
        scan(probes(false), again);
        assertEquals(3, ec2Reads.get(), "ec2 in us-east-1 is read again");
        assertEquals(1, again.retried());
    }

    @Test
    void aPartThatRecordedAnErrorIsReadAgain() throws Exception {
        AccountScan.Outcome first = scan(probes(true), open());
        assertFalse(first.inventory().errors().isEmpty());
        assertTrue(Files.readString(dir.resolve("part-global-iam.json")).contains("Throttling"),
                "the error is saved with its part");

        ScanCheckpoint again = open();
        AccountScan.Outcome resumed = scan(probes(false), again);
        assertEquals(2, iamReads.get(), "the part whose data is missing is read again");
        assertEquals(2, ec2Reads.get(), "the complete parts are not");
        assertEquals(2, again.reused());
        assertEquals(1, again.retried());
        assertTrue(resumed.inventory().errors().isEmpty(), resumed.inventory().errors().toString());
        assertFalse(Files.readString(dir.resolve("part-global-iam.json")).contains("Throttling"),
                "the part read again replaces the saved one");
    }

    @Test
    void aTruncatedPartIsReadAgainWithAWarning() throws Exception {
        AccountScan.Outcome first = scan(probes(false), open());
        Path part = dir.resolve("part-us-east-1-ec2.json");
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        ScanCheckpoint again = open();
        AccountScan.Outcome resumed = scan(probes(false), again);
        assertEquals(3, ec2Reads.get(), "ec2 in us-east-1 is read again, eu-west-1 is reused");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(part.toString()) && warnings.get(0).contains("ec2 in us-east-1 is read again"),
                warnings.get(0));
        assertEquals(findings(first), findings(resumed));
        assertEquals(bytes.length, Files.size(part), "the part is saved whole again");
    }

    @Test
    void aPartFileHoldingAnotherPartIsNotTrusted() throws Exception {
        scan(probes(false), open());
        Files.copy(dir.resolve("part-eu-west-1-ec2.json"), dir.resolve("part-us-east-1-ec2.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AccountScan.Outcome resumed = scan(probes(false), open());
        assertEquals(3, ec2Reads.get());
        assertTrue(warnings.get(0).contains("it holds ec2 in eu-west-1"), warnings.toString());
        assertEquals("sg-us-east-1", resumed.inventory().resourcesByRegion().get("us-east-1").get(0).id());
    }

    @Test
    void aFolderOfAnotherAccountIsRefusedWithWhatToDo() throws Exception {
        open();
        ScanCheckpoint.CheckpointException e = assertThrows(ScanCheckpoint.CheckpointException.class,
                () -> ScanCheckpoint.open(dir, "210987654321", "1.0", warnings::add));
        assertTrue(e.getMessage().contains("holds a scan of account " + ACCOUNT + ", not of 210987654321"), e.getMessage());
        assertTrue(e.getMessage().contains("fresh folder"), e.getMessage());
    }

    @Test
    void anAbsentFolderIsCreatedAndAnotherVersionsPartsAreReadAgain() throws Exception {
        Path nested = dir.resolve("a/b");
        scan(probes(false), ScanCheckpoint.open(nested, ACCOUNT, "1.0", warnings::add));
        assertTrue(Files.isRegularFile(nested.resolve("manifest.json")));

        ScanCheckpoint newer = ScanCheckpoint.open(nested, ACCOUNT, "1.1", warnings::add);
        scan(probes(false), newer);
        assertEquals(6, ec2Reads.get() + iamReads.get(), "parts saved by another cxscan version are not reused");
        assertEquals(0, newer.reused());
        assertTrue(warnings.get(0).contains("written by cxscan 1.0") && warnings.get(0).contains("read again"),
                warnings.toString());
    }

    @Test
    void aResourceSeveralPartsSeeIsRecordedOnceWhetherReadOrReused() throws Exception {
        // a multi-region trail homed in us-east-1 is listed by DescribeTrails in every region
        Resource trail = Resource.live("AWS::CloudTrail::Trail", "main", "arn:aws:cloudtrail:us-east-1:" + ACCOUNT
                + ":trail/main", "us-east-1", JsonNodeFactory.instance.objectNode().put("IsMultiRegionTrail", true));
        TestProbe cloudtrail = new TestProbe("cloudtrail", Probe.Scope.REGIONAL, List.of(),
                c -> c.inventory().add("us-east-1", trail));
        AccountScan.Outcome first = scan(List.of(cloudtrail), open());
        assertEquals(1, first.resources());
        Files.delete(dir.resolve("part-eu-west-1-cloudtrail.json"));
        ScanCheckpoint again = open();
        AccountScan.Outcome resumed = scan(List.of(cloudtrail), again);
        assertEquals(1, again.reused());
        assertEquals(1, resumed.resources(), resumed.inventory().resourcesByRegion().toString());
    }

    @Test
    void theInventoryKeepsTheOrderOfThePartsNotOfTheirCompletion() throws Exception {
        // us-east-1's part waits until eu-west-1's has finished: the merged inventory still lists it first
        CountDownLatch westDone = new CountDownLatch(1);
        TestProbe logs = new TestProbe("logs", Probe.Scope.REGIONAL, List.of(), c -> {
            if (c.region().equals(Region.US_EAST_1)) {
                try {
                    assertTrue(westDone.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            c.inventory().fact("order", JsonNodeFactory.instance.textNode(c.region().id()));
            c.inventory().add(c.region().id(), TestProbe.openSecurityGroup("sg-" + c.region().id(), c.region().id(), 22));
            if (c.region().equals(Region.EU_WEST_1)) {
                westDone.countDown();
            }
        });
        AccountScan.Outcome o = scan(List.of(logs), null);
        assertEquals(List.of("us-east-1", "eu-west-1"), new ArrayList<>(o.inventory().resourcesByRegion().keySet()));
        assertEquals("eu-west-1", o.inventory().fact("order").orElseThrow().asText(),
                "a fact both parts set holds the later part's value, whatever finished last");
    }
}
