package dev.cxscan.scanner.probes.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.probes.LiveChecks;
import dev.cxscan.scanner.probes.RegionalFactCheck;

/** NETSEC-002: EBS encryption by default is on in each scanned region (ec2:GetEbsEncryptionByDefault), one finding per region. */
public final class EbsDefaultEncryption extends RegionalFactCheck {
    static final Check CHECK = Check.of("ebs_default_encryption", "EBS encryption by default is on in each scanned region",
            Severity.MEDIUM, "NETSEC-002", "Turn on EBS encryption by default in every region used (EC2 console > Settings > EBS "
                    + "encryption, or aws ec2 enable-ebs-encryption-by-default --region R).");

    public EbsDefaultEncryption() {
        super(Ec2Probe.EBS_DEFAULT);
    }

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    protected Finding judge(JsonNode fact, String accountId, String region) {
        return fact.path("EbsEncryptionByDefault").asBoolean(false)
                ? LiveChecks.finding(CHECK, Status.PASS, accountId, region, "EBS encryption by default is on in " + region)
                : LiveChecks.finding(CHECK, Status.FAIL, accountId, region, "EBS encryption by default is off in " + region
                        + ": new volumes are unencrypted unless each asks for encryption");
    }
}
