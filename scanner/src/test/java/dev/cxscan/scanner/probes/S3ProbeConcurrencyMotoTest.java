package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.SessionConfig;
import dev.cxscan.scanner.probes.s3.S3Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The S3 probe reads its buckets in parallel: with concurrency 8 it must record exactly what it records with 1. */
class S3ProbeConcurrencyMotoTest extends MotoTestBase {
    @Test
    void parallelReadEqualsSerialRead() {
        S3Client east = client(S3Client.class);
        S3Client eu = clients.client(S3Client.class, Region.EU_WEST_1);
        for (int i = 0; i < 20; i++) {
            String name = String.format("seed-%02d", i);
            S3Client s3 = i % 4 == 3 ? eu : east;
            if (s3 == eu) {
                s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            } else {
                s3.createBucket(b -> b.bucket(name));
            }
            if (i % 2 == 0) {
                s3.putBucketEncryption(b -> b.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/k" + name)))));
            }
            if (i % 3 == 0) {
                s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
            }
            boolean odd = i % 2 == 1;
            if (i % 5 != 0) {
                s3.putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                        .blockPublicPolicy(odd).ignorePublicAcls(true).restrictPublicBuckets(true)));
            }
            if (i % 4 == 1) {
                s3.putBucketPolicy(b -> b.bucket(name).policy(S3ProbeMotoTest.secureTransport(name)));
            }
            if (i % 3 == 2) {
                s3.putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(x -> x.key("n").value(name))));
            }
        }

        LiveInventory serial = readS3(1);
        LiveInventory parallel = readS3(8);

        List<String> serialResources = describe(serial);
        assertEquals(20, serialResources.stream().filter(s -> s.startsWith("AWS::S3::Bucket ")).count(), serialResources::toString);
        assertEquals(5, serialResources.stream().filter(s -> s.startsWith("AWS::S3::BucketPolicy ")).count(), serialResources::toString);
        assertTrue(serialResources.stream().anyMatch(s -> s.contains("seed-03") && s.contains("@eu-west-1")), serialResources::toString);
        assertEquals(List.of(), serial.errors());
        assertEquals(serialResources, describe(parallel), "same resources, same properties, same order");
        assertEquals(serial.errors(), parallel.errors());
        assertEquals(serial.facts(), parallel.facts());
    }

    private static LiveInventory readS3(int concurrency) {
        SessionConfig config = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                .withEndpoint(EMULATOR.endpoint());
        try (AwsSession session = new AwsSession(config, Region.US_EAST_1)) {
            LiveInventory inv = new LiveInventory();
            new S3Probe().read(new ProbeContext(session, Region.US_EAST_1, MotoServerExtension.ACCOUNT, inv, concurrency));
            return inv;
        }
    }

    /** Every resource in inventory order: type, id, region key, ARN and properties. */
    private static List<String> describe(LiveInventory inv) {
        List<String> out = new ArrayList<>();
        inv.resourcesByRegion().forEach((region, list) -> {
            for (Resource r : list) {
                out.add(r.type() + " " + r.id() + "@" + region + " " + r.location().arn() + " " + r.properties());
            }
        });
        return out;
    }
}
