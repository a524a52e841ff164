package dev.cxscan.checks.rules.cloudtrail;

import dev.cxscan.checks.BooleanPropertyRule;
import dev.cxscan.checks.Tri;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * ACCT-001: CloudTrail writes digest files so that tampering with delivered logs can be detected.
 * Passes when EnableLogFileValidation is true; absent means false (the CloudFormation and API default).
 * Live resources carry the API's LogFileValidationEnabled as EnableLogFileValidation.
 */
public final class CloudtrailLogFileValidation extends BooleanPropertyRule {
    static final Check CHECK = Check.of("cloudtrail_log_file_validation",
            "CloudTrail trails have log file integrity validation enabled", Severity.MEDIUM, "ACCT-001",
            "Set EnableLogFileValidation: true on the AWS::CloudTrail::Trail; in CDK: "
                    + "TrailProps.builder().enableFileValidation(true) (the default of the Trail construct).");

    public CloudtrailLogFileValidation() {
        super(CHECK, "AWS::CloudTrail::Trail", Tri.FALSE, "EnableLogFileValidation");
    }
}
