package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.scanner.demo.AccountSeeder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Until the example account seeder is built in, `cxscan demo` says so instead of scanning an empty emulator. */
class DemoCommandTest {
    @Test
    void withoutASeederTheDemoFailsClearly() {
        Assumptions.assumeTrue(AccountSeeder.find().isEmpty(), "a seeder is registered: the end-to-end demo test covers it");
        CliRun r = CliRun.run("demo");
        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), r.toString());
        assertTrue(r.err().contains("no example account seeder"), r.err());
    }
}
