package dev.cxscan.scanner.probes.kms;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * KMS of one region: ListKeys (paginator), then DescribeKey per key (KMS has no batch describe) and
 * GetKeyRotationStatus for the keys that can rotate (symmetric, ENCRYPT_DECRYPT, KMS-generated
 * material, no custom key store). Only customer-managed keys not pending deletion become
 * AWS::KMS::Key (id the key id): AWS-managed keys rotate yearly by AWS and are not the customer's to
 * judge. A rotatable key whose rotation status cannot be read is not recorded (its error is): a
 * missing EnableKeyRotation would read as "off".
 */
public final class KmsProbe implements Probe {
    private static final List<String> CHECKS = List.of("kms_key_rotation_enabled");

    @Override
    public String service() {
        return "kms";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::KMS::Key");
    }

    @Override
    public List<String> iamActions() {
        return List.of("kms:ListKeys", "kms:DescribeKey", "kms:GetKeyRotationStatus");
    }

    @Override
    public void read(ProbeContext c) {
        KmsClient kms = c.clients().client(KmsClient.class, c.region());
        String region = c.region().id();
        Optional<List<KeyListEntry>> keys = ProbeSupport.call(c, "kms", "kms:ListKeys", region, CHECKS,
                () -> kms.listKeysPaginator(b -> { }).keys().stream().toList());
        // one DescribeKey (and GetKeyRotationStatus) per key: up to --concurrency keys at once, recorded in ListKeys order
        ProbeSupport.forEachParallel(c, keys.orElse(List.of()), (own, k) -> {
            Optional<KeyMetadata> meta = ProbeSupport.call(own, "kms", "kms:DescribeKey", region, CHECKS,
                    () -> kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata());
            if (meta.isEmpty() || !"CUSTOMER".equals(meta.get().keyManagerAsString())
                    || "PendingDeletion".equals(meta.get().keyStateAsString())
                    || "PendingReplicaDeletion".equals(meta.get().keyStateAsString())) {
                return;
            }
            KeyMetadata m = meta.get();
            ObjectNode p = obj();
            put(p, "Description", m.description());
            put(p, "Enabled", m.enabled());
            put(p, "KeyState", m.keyStateAsString());
            put(p, "KeySpec", m.keySpecAsString());
            put(p, "KeyUsage", m.keyUsageAsString());
            put(p, "Origin", m.originAsString());
            put(p, "MultiRegion", m.multiRegion());
            put(p, "CustomKeyStoreId", m.customKeyStoreId());
            if (rotatable(m)) {
                Optional<GetKeyRotationStatusResponse> rotation = ProbeSupport.call(own, "kms", "kms:GetKeyRotationStatus", region,
                        CHECKS, () -> kms.getKeyRotationStatus(b -> b.keyId(k.keyId())));
                if (rotation.isEmpty()) {
                    return;
                }
                p.put("EnableKeyRotation", Boolean.TRUE.equals(rotation.get().keyRotationEnabled()));
                put(p, "RotationPeriodInDays", rotation.get().rotationPeriodInDays());
            }
            own.inventory().add(region, Resource.live("AWS::KMS::Key", m.keyId(), m.arn(), region, p));
        });
    }

    static boolean rotatable(KeyMetadata m) {
        return (m.keySpecAsString() == null || m.keySpecAsString().equals("SYMMETRIC_DEFAULT"))
                && (m.keyUsageAsString() == null || m.keyUsageAsString().equals("ENCRYPT_DECRYPT"))
                && (m.originAsString() == null || m.originAsString().equals("AWS_KMS"))
                && m.customKeyStoreId() == null;
    }
}
