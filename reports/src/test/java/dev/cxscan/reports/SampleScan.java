package dev.cxscan.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan as the CLI would produce it for a CDK app plus a live account: failures, an evaluation error, a
 * suppression, passes, a WAFR waiver on REL-001, user evidence for OPE-002 and COST-001, resource data for the
 * evidence bundle, resource names and tags (a security group's Name tag, a bucket without tags, a live database),
 * and hostile text (markup, CSV formulas, XML-illegal characters) in ids, names and messages.
 * {@link #withSecrets} adds secrets in the places they really turn up.
 */
public final class SampleScan {
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String DB_PASSWORD = "Sup3r-S3cret-DbPa55!";
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexampleexample"
            + "AiAexampleexampleexample0123456789KsAIIq///////////ARAAGgwxMjM0NTY3ODkwMTIiDExampleTokenValue0123456789abcdEF==";
    public static final String HOSTILE_ID = "Role<img src=x onerror=alert(1)>";
    public static final String HOSTILE_MESSAGE = "statement 0 allows \"*\" </td><script>alert('x')</script> | =HYPERLINK(\"http://evil\")";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-06-02T09:15:00Z");
    private static final Instant END = Instant.parse("2025-06-02T09:15:42Z");
    private static final String TEMPLATE = "cdk.out/GenAiStack.template.json";

    private SampleScan() {
    }

    public static Check check(String id, String title, String remediation) {
        CatalogCheck c = ControlCatalog.bundled().check(id).orElseThrow(() -> new IllegalArgumentException(id));
        return new Check(id, title, c.severity(), c.controls(), remediation);
    }

    static final Check SG_ADMIN = check("ec2_sg_no_public_admin_ports", "No security group allows SSH or RDP from anywhere",
            "Remove the 0.0.0.0/0 ingress on 22/3389; use Session Manager (CDK: do not call connections.allowFromAnyIpv4(Port.tcp(22))).");
    static final Check SG_ALL = check("ec2_sg_no_public_all_traffic", "No security group allows all traffic from anywhere", "Restrict the ingress.");
    static final Check FLOW = check("vpc_flow_logs_enabled", "Every VPC has a flow log", "Add vpc.addFlowLog('FlowLog').");
    static final Check S3_ENC = check("s3_bucket_encrypted", "S3 buckets have default encryption", "Set encryption: BucketEncryption.KMS.");
    static final Check S3_PAB = check("s3_bucket_public_access_blocked", "S3 buckets block all public access",
            "Set blockPublicAccess: BlockPublicAccess.BLOCK_ALL.");
    static final Check RDS_ENC = check("rds_storage_encrypted", "RDS storage is encrypted", "Set storageEncrypted: true.");
    static final Check TRAIL = check("cloudtrail_log_file_validation", "CloudTrail log file validation is on", "Set enableFileValidation: true.");
    static final Check IAM_WILD = check("iam_no_wildcard_actions", "No IAM statement allows all actions",
            "List the actions the role needs instead of \"*\" or \"service:*\".");
    static final Check ALARMS = check("cloudwatch_alarms_present", "CloudWatch alarms exist", "Add alarms on the workload KPIs.");
    static final Check MULTI_AZ = check("rds_multi_az", "RDS instances are Multi-AZ", "Set multiAz: true.");
    static final Check BACKUP = check("backup_plan_present", "A backup plan exists", "Add an AWS Backup plan.");
    static final Check RUNBOOKS = check("ssm_runbooks_present", "SSM runbooks exist (hint)", "");

    public static List<Check> checks() {
        return List.of(SG_ADMIN, SG_ALL, FLOW, S3_ENC, S3_PAB, RDS_ENC, TRAIL, IAM_WILD, ALARMS, MULTI_AZ, BACKUP, RUNBOOKS);
    }

    static ResourceRef tpl(String type, String id, int line, String path) {
        return ResourceRef.template(type, id, TEMPLATE, line, "GenAiStack/" + path + "/Resource");
    }

    static final ResourceRef WEB_SG = tpl("AWS::EC2::SecurityGroup", "WebSg12AB34CD", 42, "WebSg")
            .named("web-sg", Map.of("Name", "web-sg", "team", "genai"));
    static final ResourceRef DOCS = tpl("AWS::S3::Bucket", "DocsBucket9D3E1F0A", 10, "DocsBucket")
            .named("genai-docs-123456789012", Map.of());
    static final ResourceRef LOGS = tpl("AWS::S3::Bucket", "LogsBucket7C2B11E4", 25, "LogsBucket");
    static final ResourceRef DB = tpl("AWS::RDS::DBInstance", "VectorDb5F1A2B3C", 120, "VectorDb");
    static final ResourceRef TRAIL_RES = tpl("AWS::CloudTrail::Trail", "Trail022F4D8A", 200, "Trail");
    static final ResourceRef ROLE = tpl("AWS::IAM::Role", HOSTILE_ID, 300, "AgentRole");
    static final ResourceRef VPC = tpl("AWS::EC2::VPC", "Vpc8378EB38", 5, "Vpc").named("<b>genai</b> vpc", Map.of("Name", "<b>genai</b> vpc"));
    static final ResourceRef LIVE_DB = ResourceRef.live("AWS::RDS::DBInstance", "prod-vectors",
            "arn:aws:rds:us-east-1:123456789012:db:prod-vectors", "us-east-1")
            .named("prod-vectors", Map.of("env", "prod", "aws:cloudformation:stack-name", "GenAiData"));

    public static List<Finding> findings() {
        List<Finding> f = new ArrayList<>();
        f.add(Finding.of(SG_ADMIN, Status.FAIL, WEB_SG, "ingress from 0.0.0.0/0 to port 22 (SSH) in rule 1"));
        f.add(Finding.of(SG_ALL, Status.PASS, WEB_SG, "no ingress from anywhere on all ports"));
        f.add(Finding.of(FLOW, Status.PASS, VPC, "flow log FlowLog1A2B to CloudWatch Logs"));
        f.add(Finding.of(S3_ENC, Status.PASS, DOCS, "SSE-KMS with a customer key"));
        f.add(Finding.of(S3_ENC, Status.FAIL, LOGS, "no BucketEncryption: =cmd|' /C calc'!A0"));
        f.add(Finding.of(S3_PAB, Status.FAIL, DOCS, "RestrictPublicBuckets is false").suppressed("public website bucket, approved by security review SR-118"));
        f.add(Finding.of(RDS_ENC, Status.ERROR, DB, "StorageEncrypted is {\"Ref\": \"EncryptDb\"}, a parameter without default: cannot judge"));
        f.add(Finding.of(TRAIL, Status.PASS, TRAIL_RES, "EnableLogFileValidation is true"));
        f.add(Finding.of(IAM_WILD, Status.FAIL, ROLE, HOSTILE_MESSAGE + " \u0000\u0007 ]]>"));
        f.add(Finding.of(ALARMS, Status.PASS, tpl("AWS::CloudWatch::Alarm", "LatencyAlarm55AA", 400, "LatencyAlarm"), "alarm on p99 latency with an SNS action"));
        f.add(Finding.of(MULTI_AZ, Status.FAIL, LIVE_DB, "MultiAZ is false in us-east-1"));
        f.add(Finding.of(BACKUP, Status.PASS, tpl("AWS::Backup::BackupPlan", "Plan77C1", 500, "Plan"), "daily plan, 35 days retention"));
        f.add(Finding.of(RUNBOOKS, Status.INFO, ResourceRef.live("AWS::SSM::Document", "account", null, "us-east-1"),
                "2 SSM Automation documents owned by the account"));
        return f;
    }

    /** The user's evidence: a runbook file and a wiki link for OPE-002, a pricing calculator link for COST-001. */
    public static Path writeEvidenceYaml(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/runbook.md"), "# Runbook\n\nAlarm LatencyAlarm: scale the endpoint.\n");
        Path yaml = dir.resolve("evidence.yaml");
        Files.writeString(yaml, """
                controls:
                  OPE-002:
                    statement: Runbook for the GenAI assistant, reviewed with the customer's operations team.
                    documents:
                      - file: docs/runbook.md
                        title: Operations runbook
                      - url: https://wiki.example.com/genai/runbook
                  COST-001:
                    statement: Pricing Calculator estimate shared before implementation.
                    documents:
                      - url: https://calculator.aws/#/estimate?id=0123456789abcdef
                        title: AWS Pricing Calculator estimate
                """);
        return yaml;
    }

    public static ScanResult create(Path dir) throws IOException {
        EvidenceFile evidence = EvidenceFile.load(writeEvidenceYaml(dir), ControlCatalog.bundled());
        ScanInfo scan = new ScanInfo(START, END, "123456789012", "arn:aws:sts::123456789012:assumed-role/CxscanReadOnly/cxscan",
                List.of("us-east-1", "eu-west-1"), List.of(TEMPLATE));
        ScanResult r = ScanResult.of(scan, findings(), checks(), evidence);
        // A Well-Architected review covers REL-001 (what the WAFR import will produce)
        List<ControlResult> controls = r.controls().stream().map(c -> !c.id().equals("REL-001") ? c
                : c.reviewed(waiver(), true)).toList();
        Map<ResourceRef, JsonNode> data = new LinkedHashMap<>();
        data.put(WEB_SG, json("""
                {"Type":"AWS::EC2::SecurityGroup","Properties":{"GroupDescription":"web","SecurityGroupIngress":[{"CidrIp":"0.0.0.0/0","IpProtocol":"tcp","FromPort":22,"ToPort":22}]},
                 "Metadata":{"aws:cdk:path":"GenAiStack/WebSg/Resource"}}"""));
        data.put(DB, json("""
                {"Type":"AWS::RDS::DBInstance","Properties":{"Engine":"postgres","StorageEncrypted":{"Ref":"EncryptDb"},
                 "MasterUsername":"admin","MasterUserPassword":"{{resolve:secretsmanager:VectorDbSecret:SecretString:password}}"}}"""));
        return new ScanResult(r.schemaVersion(), r.tool(), r.scan(), controls, r.findings(), r.checks(), r.userEvidence(), data);
    }

    /**
     * The same scan where secrets turn up: a literal DB password (parameter default already substituted by the
     * engine) in resource data and quoted in a message, an IAM access key in a live user's data and in a message, a
     * session token in a Lambda environment and in a suppression reason, the key id in a resource id, and the password in
     * a live user's tag.
     */
    public static ScanResult withSecrets(Path dir) throws IOException {
        ScanResult base = create(dir);
        ResourceRef db2 = tpl("AWS::RDS::DBCluster", "AuroraCluster" + "9A8B7C", 150, "Aurora");
        ResourceRef user = ResourceRef.live("AWS::IAM::User", "ci-deployer", "arn:aws:iam::123456789012:user/ci-deployer", null)
                .named("ci-deployer", Map.of("owner", "ci", "DeployPassword", DB_PASSWORD));
        ResourceRef fn = tpl("AWS::Lambda::Function", "IngestFn1234ABCD", 600, "IngestFn");
        ResourceRef key = tpl("AWS::IAM::AccessKey", "DeployerKey" + ACCESS_KEY_ID, 650, "DeployerKey");
        List<Finding> findings = new ArrayList<>(base.findings());
        findings.add(Finding.of(RDS_ENC, Status.FAIL, db2, "StorageEncrypted is false; MasterUserPassword is '" + DB_PASSWORD + "'"));
        findings.add(Finding.of(check("iam_access_keys_rotated", "Access keys are rotated", "Rotate keys older than 90 days."),
                Status.FAIL, user, "access key " + ACCESS_KEY_ID + " is 412 days old"));
        findings.add(Finding.of(check("iam_no_user_credentials_in_template", "No IAM credentials in templates", "Use roles."),
                Status.FAIL, key, "AWS::IAM::AccessKey declared; its secret would be " + SECRET_ACCESS_KEY));
        findings.add(Finding.of(check("log_group_retention", "Log groups have retention", "Set retention."), Status.PASS, fn,
                "no log group").suppressed("temporary; token=" + SESSION_TOKEN));
        Map<ResourceRef, JsonNode> data = new LinkedHashMap<>(base.resourceData());
        data.put(db2, json("{\"Type\":\"AWS::RDS::DBCluster\",\"Properties\":{\"Engine\":\"aurora-postgresql\",\"MasterUsername\":\"admin\","
                + "\"MasterUserPassword\":\"" + DB_PASSWORD + "\",\"StorageEncrypted\":false}}"));
        data.put(user, json("{\"UserName\":\"ci-deployer\",\"AccessKeys\":[{\"AccessKeyId\":\"" + ACCESS_KEY_ID
                + "\",\"Status\":\"Active\",\"SecretAccessKey\":\"" + SECRET_ACCESS_KEY + "\"}]}"));
        data.put(fn, json("{\"Type\":\"AWS::Lambda::Function\",\"Properties\":{\"Environment\":{\"Variables\":{\"AWS_SESSION_TOKEN\":\""
                + SESSION_TOKEN + "\",\"TABLE\":\"docs\"}}}}"));
        List<Check> checks = new ArrayList<>(base.checks());
        ScanResult r = ScanResult.of(base.scan(), findings, checks, base.userEvidence());
        return r.withResourceData(data);
    }

    /** In a fixed order (as the WAFR import builds it), so that report files are the same from run to run. */
    private static Map<String, Object> waiver() {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("source", "wafr");
        w.put("workload", "arn:aws:wellarchitected:us-east-1:123456789012:workload/0f1e2d");
        w.put("questions", List.of("REL 8", "OPS 5"));
        w.put("milestone", 3);
        return w;
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static List<String> secrets() {
        return List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, DB_PASSWORD, SESSION_TOKEN);
    }
}
