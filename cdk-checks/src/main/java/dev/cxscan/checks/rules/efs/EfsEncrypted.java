package dev.cxscan.checks.rules.efs;

import dev.cxscan.checks.BooleanPropertyRule;
import dev.cxscan.checks.Tri;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: EFS file systems are encrypted at rest (Encrypted true). CloudFormation's default is
 * false (only the console pre-selects encryption), so a file system without the property fails;
 * CDK writes Encrypted true by default.
 */
public final class EfsEncrypted extends BooleanPropertyRule {
    static final Check CHECK = Check.of("efs_encrypted",
            "EFS file systems are encrypted at rest", Severity.HIGH, "NETSEC-002",
            "Set Encrypted: true (optionally KmsKeyId) on AWS::EFS::FileSystem; in CDK FileSystem encrypts by default, "
                    + "do not pass encrypted(false). Encryption cannot be turned on later: create a new file system and copy the data.");

    public EfsEncrypted() {
        super(CHECK, "AWS::EFS::FileSystem", Tri.FALSE, "Encrypted");
    }
}
