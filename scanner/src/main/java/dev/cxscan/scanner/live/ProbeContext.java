package dev.cxscan.scanner.live;

import software.amazon.awssdk.regions.Region;

/**
 * What a probe reads with and where it writes.
 *
 * @param clients   SDK clients of the scanned account, guarded read-only
 * @param region    the region being read (for GLOBAL probes: the home region used for the global endpoint)
 * @param accountId the scanned account
 * @param inventory where resources, facts and errors go
 */
public record ProbeContext(AwsClients clients, Region region, String accountId, LiveInventory inventory) {
}
