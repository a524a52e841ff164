package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.scanner.SecretFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled examples through the command line, every format written: the redactor masks the one literal secret
 * they hold and nothing else. Before, a learned word ("required" from HttpTokens, "password" from
 * GenerateStringKey) was masked in every message, and a long CDK logical id in a Ref was taken for a session token.
 * <p>The only real secret: localstack/seed/noncompliant's DB instance has the literal
 * {@code MasterUserPassword: not-a-secret-1} (a seed for the emulator, but a literal password all the same).
 * examples/cdk.out holds none (CDK generates the DB passwords in Secrets Manager and refers to them).
 */
class RedactionEndToEndTest {
    private static final String MASK = "[REDACTED]";
    private static final String SEED_PASSWORD = "not-a-secret-1";
    /** Where a mask is right: the value of the literal MasterUserPassword, in JSON and in HTML-escaped JSON. */
    private static final Pattern ALLOWED = Pattern.compile(
            "(\"|&quot;)MasterUserPassword(\"|&quot;) : (\"|&quot;)\\[REDACTED](\"|&quot;)");

    @TempDir
    Path dir;

    @Test
    void theExampleCloudAssemblyHasNothingToRedact() throws IOException {
        Map<String, String> texts = scan("cdk", Path.of("..", "examples", "cdk.out"));
        assertEquals(List.of(), masks(texts, false));
        String all = String.join("\n", texts.values());
        // the words and names that were masked before are there
        assertTrue(all.contains("BackupRetentionPeriod is 1 day, below the 7 days required"));
        assertTrue(all.contains("no LoginProfile: the user has no console password"));
        assertTrue(all.contains("in transit (TLS required)"));
        assertTrue(all.contains("\"HttpTokens\" : \"required\""));
        assertTrue(all.contains("\"GenerateStringKey\" : \"password\""));
        assertTrue(all.contains("\"Ref\" : \"SsmParameterValueawsserviceamiamazonlinuxlatestal2023amikernel61x8664C96584B6F00A464EAD1953AFF4B05118Parameter\""));
        assertTrue(all.contains("\":SecretString:password::}}\""), "the dynamic reference CDK builds with Fn::Join");
    }

    @Test
    void theSeedTemplatesHaveOnlyTheirLiteralPasswordRedacted() throws IOException {
        Map<String, String> compliant = scan("compliant", Path.of("..", "localstack", "seed", "compliant"));
        assertEquals(List.of(), masks(compliant, false));

        Map<String, String> noncompliant = scan("noncompliant", Path.of("..", "localstack", "seed", "noncompliant"));
        assertEquals(List.of(), masks(noncompliant, true), "masks other than the literal MasterUserPassword");
        String all = String.join("\n", noncompliant.values());
        assertFalse(all.contains(SEED_PASSWORD), "the literal password is gone");
        assertTrue(ALLOWED.matcher(all).find(), "and masked where it stood in the template excerpt");
        assertTrue(all.contains("\"MasterUsername\" : \"admin\""), "the evidence around it stays");
    }

    /** Every text the scan wrote (files, zip entries, stdout, stderr), keyed by name. */
    private Map<String, String> scan(String name, Path templates) throws IOException {
        Path out = dir.resolve(name);
        CliRun r = CliRun.run("template", templates.toString(), "--out", out.toString(),
                "--format", SecretFixtures.ALL_FORMATS, "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> texts = SecretFixtures.outputs(out);
        texts.put("stdout", r.out());
        texts.put("stderr", r.err());
        assertTrue(texts.keySet().stream().anyMatch(k -> k.contains(".zip!")), "the evidence zip was written");
        return texts;
    }

    /** "file: line" for each mask, the allowed ones left out when {@code allowPassword}. */
    private static List<String> masks(Map<String, String> texts, boolean allowPassword) {
        List<String> found = new ArrayList<>();
        texts.forEach((file, text) -> {
            for (String line : text.split("\n")) {
                if (!line.contains(MASK)) {
                    continue;
                }
                String rest = allowPassword ? ALLOWED.matcher(line).replaceAll("") : line;
                if (rest.contains(MASK)) {
                    found.add(file + ": " + line.strip());
                }
            }
        });
        return found;
    }
}
