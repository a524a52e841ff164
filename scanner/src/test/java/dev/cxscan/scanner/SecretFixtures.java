package dev.cxscan.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A template full of secrets, and every text a scan wrote, for the "never leaks" tests. */
public final class SecretFixtures {
    public static final String DB_PASSWORD = "Sup3r-S3cret-Passw0rd-Default";
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String LOGIN_PASSWORD = "Us3r-Login-Pa55w0rd";
    public static final String SECRET_STRING_PASSWORD = "Hunter2-literal-secret-string";
    public static final String ENV_PASSWORD = "ecs-env-db-pa55";
    /** A session token's shape: a long base64 run (fake). */
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6x"
            + "FakeSessionTokenForTestsOnlyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789FakeSessionTokenForTestsOnly"
            + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789FakeSessionTokenForTestsOnlyAbCdEfGhIjKlMnOpQrSt=";

    /** Every secret: none may appear in any output. */
    public static final List<String> SECRETS = List.of(DB_PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY, LOGIN_PASSWORD,
            SECRET_STRING_PASSWORD, ENV_PASSWORD, SESSION_TOKEN);

    /**
     * A hand-written template: a literal DB password as a parameter Default (the engine substitutes it into
     * MasterUserPassword), an IAM user with a literal console password and an access key whose secret is a
     * stack output (the literal too), an access key id and a session token as bucket tags, a Secrets Manager
     * secret with a literal SecretString, and an ECS task with a password in its container environment.
     */
    public static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              DbPassword:
                Type: String
                NoEcho: true
                Default: "%1$s"
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: !Ref DbPassword
              Deployer:
                Type: AWS::IAM::User
                Properties:
                  LoginProfile:
                    Password: "%4$s"
                  Policies:
                    - PolicyName: everything
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: "*"
                            Resource: "*"
              DeployerKey:
                Type: AWS::IAM::AccessKey
                Properties:
                  UserName: !Ref Deployer
              Uploads:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption: {}
                  Tags:
                    - Key: deployer-access-key-id
                      Value: %2$s
                    - Key: ci-session
                      Value: "%7$s"
              AppSecret:
                Type: AWS::SecretsManager::Secret
                Properties:
                  SecretString: '{"username":"app","password":"%5$s"}'
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: api
                      Image: public.ecr.aws/example/api:1
                      Environment:
                        - Name: DB_PASSWORD
                          Value: "%6$s"
            Outputs:
              DeployerSecret:
                Value: !GetAtt DeployerKey.SecretAccessKey
              DeployerSecretLiteral:
                Value: "%3$s"
            """.formatted(DB_PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY, LOGIN_PASSWORD, SECRET_STRING_PASSWORD,
            ENV_PASSWORD, SESSION_TOKEN);

    /** The formats the tests ask for: all of them. */
    public static final String ALL_FORMATS = "json,sarif,junit,html,md,csv,evidence,text";

    private SecretFixtures() {
    }

    /** Every file under {@code dir} as text, zip files entry by entry (decompressed), keyed by path. */
    public static Map<String, String> outputs(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            out.put(dir.relativize(f).toString(), new String(bytes, StandardCharsets.UTF_8));
            if (f.getFileName().toString().endsWith(".zip")) {
                try (ZipFile z = new ZipFile(f.toFile())) {
                    for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                        ZipEntry e = en.nextElement();
                        try (InputStream in = z.getInputStream(e)) {
                            out.put(dir.relativize(f) + "!" + e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** "file: secret" for every secret found in any of the texts. */
    public static List<String> leaks(Map<String, String> texts) {
        List<String> leaks = new ArrayList<>();
        texts.forEach((name, text) -> {
            for (String s : SECRETS) {
                if (text.contains(s)) {
                    leaks.add(name + ": " + s);
                }
            }
            // partial leaks: a long enough piece of a secret (e.g. a token cut by a line wrap)
            for (String s : List.of(SESSION_TOKEN.substring(0, 40), SECRET_ACCESS_KEY.substring(0, 20))) {
                if (text.contains(s)) {
                    leaks.add(name + ": part of " + s);
                }
            }
        });
        return leaks;
    }
}
