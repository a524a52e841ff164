package dev.cxscan.checks.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * NETSEC-002: EBS volumes are encrypted: AWS::EC2::Volume Encrypted true, and every block-device
 * mapping with an Ebs entry of an AWS::EC2::Instance, AWS::EC2::LaunchTemplate (LaunchTemplateData)
 * and AWS::AutoScaling::LaunchConfiguration has Ebs.Encrypted true. Instance-store mappings
 * (VirtualName, NoDevice) are skipped.
 *
 * <p>Judgment calls: a volume or mapping without Encrypted fails, because it is encrypted only if
 * EBS encryption by default is on in the region, which a template cannot show (the live check
 * ebs_default_encryption covers it; the message says so). A KmsKeyId without Encrypted passes: EC2
 * accepts a KMS key only for an encrypted volume, so no unencrypted volume can result. A volume or
 * mapping restored from a SnapshotId without Encrypted inherits the snapshot's encryption and is
 * reported unresolved. An instance or launch template without block-device mappings uses the AMI's
 * root volume and is not judged (not applicable): its encryption depends on the AMI snapshot and on
 * EBS default encryption, both outside the template. In live scans instances are not judged either:
 * their volumes are scanned as AWS::EC2::Volume.
 */
public final class EbsVolumeEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("ebs_volume_encrypted",
            "EBS volumes and instance block-device mappings are encrypted", Severity.HIGH, "NETSEC-002",
            "Set Encrypted: true on AWS::EC2::Volume and on every BlockDeviceMappings[].Ebs of instances, launch "
                    + "templates and launch configurations; in CDK: BlockDeviceVolume.ebs(size, EbsDeviceOptions.builder()"
                    + ".encrypted(true)...) and Volume.Builder.encrypted(true). Also turn on EBS encryption by default "
                    + "in every region.");

    private static final String DEFAULT_NOTE = "the volume is encrypted only if EBS encryption by default is on in the region "
            + "(live check ebs_default_encryption)";

    public EbsVolumeEncrypted() {
        super(CHECK, "AWS::EC2::Volume", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return switch (resource.type()) {
            case "AWS::EC2::Volume" -> volume(resource, context);
            case "AWS::EC2::Instance" -> context.isLive() ? Verdict.notApplicable()
                    : mappings(resource.property("BlockDeviceMappings"), "BlockDeviceMappings", context);
            case "AWS::EC2::LaunchTemplate" -> mappings(resource.property("LaunchTemplateData", "BlockDeviceMappings"),
                    "LaunchTemplateData.BlockDeviceMappings", context);
            default -> mappings(resource.property("BlockDeviceMappings"), "BlockDeviceMappings", context);
        };
    }

    private static Verdict volume(Resource volume, RuleContext context) {
        JsonNode encrypted = volume.property("Encrypted");
        KmsKeyReference key = KmsKeyReference.of(volume.property("KmsKeyId"), context);
        return switch (Values.bool(encrypted, Tri.FALSE)) {
            case TRUE -> Verdict.pass("Encrypted is true" + (key.isSet() ? " with " + key.description() : " (the region's default EBS key)"));
            case UNKNOWN -> Verdict.unresolved("Encrypted (" + Values.describe(encrypted) + ")");
            case FALSE -> {
                if (!Values.isAbsent(encrypted)) {
                    yield Verdict.fail("Encrypted is false");
                }
                if (key.isSet()) {
                    yield Verdict.pass("KmsKeyId is set (" + key.description() + "): EC2 creates only encrypted volumes with a KMS key");
                }
                if (key.kind() == KmsKeyReference.Kind.UNRESOLVED) {
                    yield Verdict.unresolved("KmsKeyId (" + key.description() + "), on which the encryption of this volume without Encrypted depends,");
                }
                if (Values.isSet(volume.property("SnapshotId"))) {
                    yield Verdict.unresolved("the encryption of snapshot " + Values.describe(volume.property("SnapshotId"))
                            + " (Encrypted is not set, so the volume inherits it)");
                }
                yield Verdict.fail("Encrypted is not set: " + DEFAULT_NOTE);
            }
        };
    }

    private static Verdict mappings(JsonNode mappings, String path, RuleContext context) {
        if (Values.isAbsent(mappings)) {
            return Verdict.notApplicable();
        }
        if (Values.isIntrinsic(mappings)) {
            return Verdict.unresolved(path + " (" + Values.describe(mappings) + ")");
        }
        List<String> failing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int ebsCount = 0;
        for (JsonNode mapping : Values.list(mappings)) {
            JsonNode ebs = mapping.path("Ebs");
            if (Values.isAbsent(ebs)) {
                continue;
            }
            ebsCount++;
            String device = Values.text(mapping.path("DeviceName")).orElse("#" + ebsCount);
            if (Values.isIntrinsic(ebs)) {
                unknown.add(device + " Ebs (" + Values.describe(ebs) + ")");
                continue;
            }
            JsonNode encrypted = ebs.path("Encrypted");
            switch (Values.bool(encrypted, Tri.FALSE)) {
                case TRUE -> { }
                case UNKNOWN -> unknown.add(device + " Ebs.Encrypted (" + Values.describe(encrypted) + ")");
                case FALSE -> {
                    if (!Values.isAbsent(encrypted)) {
                        failing.add(device + " (Encrypted false)");
                    } else if (KmsKeyReference.of(ebs.path("KmsKeyId"), context).isSet()) {
                        // a KMS key implies an encrypted volume
                    } else if (Values.isSet(ebs.path("SnapshotId"))) {
                        unknown.add(device + " (inherits the encryption of snapshot " + Values.describe(ebs.path("SnapshotId")) + ")");
                    } else {
                        failing.add(device + " (Encrypted not set)");
                    }
                }
            }
        }
        if (ebsCount == 0) {
            return Verdict.notApplicable();
        }
        if (!failing.isEmpty()) {
            boolean notSet = failing.stream().anyMatch(f -> f.endsWith("(Encrypted not set)"));
            return Verdict.fail(path + " not encrypted: " + String.join(", ", failing) + (notSet ? "; without Encrypted " + DEFAULT_NOTE : ""));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown));
        }
        return Verdict.pass("all " + ebsCount + " EBS block-device mapping" + (ebsCount == 1 ? " is" : "s are") + " encrypted");
    }
}
