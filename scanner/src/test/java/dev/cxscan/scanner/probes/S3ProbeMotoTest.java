package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.s3.S3Probe;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class S3ProbeMotoTest extends MotoTestBase {
    static String secureTransport(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TLS\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
    }

    @Test
    void bucketsWithAndWithoutConfiguration() {
        S3Client s3 = client(S3Client.class);
        s3.createBucket(b -> b.bucket("good-bucket"));
        s3.putBucketEncryption(b -> b.bucket("good-bucket").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/docs")))));
        s3.putBucketVersioning(b -> b.bucket("good-bucket").versioningConfiguration(v -> v.status("Enabled")));
        s3.putPublicAccessBlock(b -> b.bucket("good-bucket").publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                .blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)));
        s3.putBucketPolicy(b -> b.bucket("good-bucket").policy(secureTransport("good-bucket")));
        s3.putBucketTagging(b -> b.bucket("good-bucket").tagging(t -> t.tagSet(x -> x.key("team").value("docs"))));
        s3.createBucket(b -> b.bucket("bare-bucket"));

        LiveInventory inv = read(new S3Probe());

        assertEquals(List.of(), inv.errors(), "NoSuch... answers mean 'not configured', not errors");
        Resource good = resource(inv, "AWS::S3::Bucket", "good-bucket");
        assertEquals("arn:aws:s3:::good-bucket", good.location().arn());
        assertEquals("aws:kms", good.property("BucketEncryption", "ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText());
        assertEquals("team", good.property("Tags").get(0).path("Key").asText());
        Resource bare = resource(inv, "AWS::S3::Bucket", "bare-bucket");
        assertFalse(bare.has("PublicAccessBlockConfiguration"));
        assertFalse(bare.has("VersioningConfiguration"));
        assertTrue(bare.property("Tags").isArray() && bare.property("Tags").isEmpty());

        assertRule(Status.PASS, inv, "s3_bucket_encrypted", "good-bucket");
        assertRule(Status.PASS, inv, "s3_bucket_versioning", "good-bucket");
        assertRule(Status.FAIL, inv, "s3_bucket_versioning", "bare-bucket");
        assertRule(Status.PASS, inv, "s3_bucket_public_access_blocked", "good-bucket");
        assertRule(Status.FAIL, inv, "s3_bucket_public_access_blocked", "bare-bucket");
        assertRule(Status.PASS, inv, "s3_bucket_secure_transport", "good-bucket");
        assertRule(Status.FAIL, inv, "s3_bucket_secure_transport", "bare-bucket");
    }
}
