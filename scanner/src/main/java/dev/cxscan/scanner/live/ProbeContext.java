package dev.cxscan.scanner.live;

import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * What a probe reads with and where it writes.
 *
 * @param clients     SDK clients of the scanned account, guarded read-only
 * @param region      the region being read (for GLOBAL probes: the home region used for the global endpoint)
 * @param accountId   the scanned account
 * @param inventory   where resources, facts and errors go
 * @param concurrency the scan's {@code --concurrency}: how many per-resource reads a probe may run at once
 *                    (e.g. S3's per-bucket reads, see {@code ProbeSupport.forEachParallel}); at least 1
 * @param scanRegions every region this scan reads (the reachable ones), the same for every part of the scan: lets
 *                    a probe whose resources are listed in several regions (CloudTrail's multi-region trails) read
 *                    each in one region only, without depending on another part; {@code [region]} when not given
 */
public record ProbeContext(AwsClients clients, Region region, String accountId, LiveInventory inventory, int concurrency,
                           List<Region> scanRegions) {
    public ProbeContext {
        concurrency = Math.max(1, concurrency);
        scanRegions = scanRegions == null || scanRegions.isEmpty() ? List.of(region) : List.copyOf(scanRegions);
    }

    /** A context of a scan of {@code region} alone. */
    public ProbeContext(AwsClients clients, Region region, String accountId, LiveInventory inventory, int concurrency) {
        this(clients, region, accountId, inventory, concurrency, List.of());
    }

    /** A context of a scan of {@code region} alone whose probe reads its resources one after another. */
    public ProbeContext(AwsClients clients, Region region, String accountId, LiveInventory inventory) {
        this(clients, region, accountId, inventory, 1);
    }

    /** The same context writing to {@code other} instead. */
    public ProbeContext withInventory(LiveInventory other) {
        return new ProbeContext(clients, region, accountId, other, concurrency, scanRegions);
    }
}
