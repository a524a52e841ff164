package dev.cxscan.scanner.live;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/** SDK clients of one account: one per (client type, region), each with the read-only guard on it. */
public interface AwsClients {
    /** E.g. {@code clients.client(Ec2Client.class, region)}. */
    <C extends SdkClient> C client(Class<C> type, Region region);
}
