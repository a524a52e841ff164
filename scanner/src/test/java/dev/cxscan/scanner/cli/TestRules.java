package dev.cxscan.scanner.cli;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.s3.S3BucketEncrypted;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.List;
import java.util.Set;

/** Engines with known rules, so exit-code tests do not change as rules are added to the catalog. */
final class TestRules {
    private TestRules() {
    }

    /** s3_bucket_encrypted (medium) only. */
    static RuleEngine s3Only() {
        return new RuleEngine(List.of(new S3BucketEncrypted()));
    }

    /** s3_bucket_encrypted plus a rule that throws on every SQS queue (an ERROR finding). */
    static RuleEngine s3AndThrowing() {
        return new RuleEngine(List.of(new S3BucketEncrypted(), new Throwing()));
    }

    /** A high-severity rule that fails every SNS topic. */
    static RuleEngine s3AndHighFail() {
        return new RuleEngine(List.of(new S3BucketEncrypted(), new HighFail()));
    }

    static final class Throwing implements Rule {
        static final Check CHECK = Check.of("test_throwing", "Never evaluates", Severity.LOW, "OPE-001", "none");

        @Override
        public Check check() {
            return CHECK;
        }

        @Override
        public Set<String> resourceTypes() {
            return Set.of("AWS::SQS::Queue");
        }

        @Override
        public Verdict evaluate(Resource resource, RuleContext context) {
            throw new IllegalStateException("boom");
        }
    }

    static final class HighFail implements Rule {
        static final Check CHECK = Check.of("test_high_fail", "Topics fail", Severity.HIGH, "REL-001", "Remove the topic.");

        @Override
        public Check check() {
            return CHECK;
        }

        @Override
        public Set<String> resourceTypes() {
            return Set.of("AWS::SNS::Topic");
        }

        @Override
        public Verdict evaluate(Resource resource, RuleContext context) {
            return Verdict.fail("topic " + resource.id() + " exists");
        }
    }
}
