package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ControlCatalogTest {
    private final ControlCatalog catalog = ControlCatalog.bundled();

    @Test
    void holdsEveryCommonCustomerExampleControlInChecklistOrder() {
        List<String> ids = catalog.controls().stream().map(Control::id).toList();
        assertEquals(List.of("ACCT-001", "ACCT-002", "OPE-001", "OPE-002", "OPE-003", "NETSEC-001", "NETSEC-002",
                "REL-001", "REL-002", "COST-001", "DOC-001"), ids);
    }

    @Test
    void everyControlQuotesItsRequirementAndEvidence() {
        for (Control c : catalog.controls()) {
            assertFalse(c.title().isBlank(), c.id());
            assertTrue(c.requirement().length() > 100, c.id() + " requirement too short: " + c.requirement());
            assertFalse(c.evidence().isEmpty(), c.id() + " has no evidence items");
        }
        Control acct = catalog.control("ACCT-001").orElseThrow();
        assertTrue(acct.requirement().contains("Enable MFA on root"), acct.requirement());
        assertTrue(acct.requirement().contains("protect CloudTrail logs from accidental deletion with a dedicated S3 bucket"));
    }

    /** The quotes are verbatim: every requirement line appears in the checklist text itself. */
    @Test
    void requirementTextIsQuotedVerbatimFromTheChecklist() throws IOException {
        Path checklist = Path.of("..", "..", "shared", "checklist", "genai-competency-validation-checklist.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(checklist), "checklist not beside the checkout");
        String text = Files.readString(checklist, StandardCharsets.UTF_8);
        for (Control c : catalog.controls()) {
            for (String line : c.requirement().split("\n")) {
                assertTrue(text.contains(line.replaceFirst("^• ", "")), c.id() + ": not in the checklist: " + line);
            }
            for (String e : c.evidence()) {
                assertTrue(text.contains(e), c.id() + ": evidence not in the checklist: " + e);
            }
        }
    }

    @Test
    void everyCheckFeedsKnownControlsAndEveryControlListsItsChecks() {
        Set<String> controlIds = catalog.controls().stream().map(Control::id).collect(Collectors.toSet());
        for (CatalogCheck check : catalog.checks()) {
            for (String control : check.controls()) {
                assertTrue(controlIds.contains(control), check.id() + " feeds unknown control " + control);
                assertTrue(catalog.control(control).orElseThrow().checks().contains(check.id()),
                        control + " does not list " + check.id());
            }
        }
        for (Control c : catalog.controls()) {
            for (String id : c.checks()) {
                assertTrue(catalog.check(id).isPresent(), c.id() + " lists unknown check " + id);
            }
        }
    }

    @Test
    void containsTheChecksMdContract() {
        assertEquals(Severity.CRITICAL, catalog.check("root_mfa_enabled").orElseThrow().severity());
        assertEquals("B", catalog.check("ec2_sg_no_public_admin_ports").orElseThrow().source());
        assertEquals(List.of("DOC-001"), catalog.check("rds_multi_az").orElseThrow().controls());
        assertTrue(catalog.checks().size() >= 64);
    }
}
