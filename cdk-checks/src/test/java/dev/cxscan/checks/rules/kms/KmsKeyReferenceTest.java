package dev.cxscan.checks.rules.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.rules.kms.KmsKeyReference.Kind;
import dev.cxscan.checks.template.TemplateFormatException;
import dev.cxscan.checks.template.TemplateParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the shared KMS key judging reads each shape of a key property (used by the NETSEC-002 rules). */
class KmsKeyReferenceTest {
    private static final String YAML = """
            Parameters:
              KeyParam:
                Type: String
            Resources:
              Key:
                Type: AWS::KMS::Key
              CustomerAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/orders
                  TargetKeyId: !Ref Key
              Bucket:
                Type: AWS::S3::Bucket
              T:
                Type: AWS::SNS::Topic
                Properties:
                  RefKey: !Ref Key
                  GetAttKey: !GetAtt Key.Arn
                  SubKey: !Sub '${Key.Arn}'
                  RefAlias: !Ref CustomerAlias
                  RefBucket: !Ref Bucket
                  Param: !Ref KeyParam
                  BareSub: !Sub '${KeyParam}'
                  NoValue: !Ref AWS::NoValue
                  Empty: ''
                  Managed: alias/aws/sns
                  ManagedArn: arn:aws:kms:eu-west-1:111122223333:alias/aws/sns
                  SecretsManaged: aws/secretsmanager
                  Literal: arn:aws:kms:eu-west-1:111122223333:key/1234abcd
                  KeyArnSub: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyParam}'
                  ManagedSub: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sns'
                  KeyArnJoin: !Join ['', ['arn:', !Ref AWS::Partition, ':kms:eu-west-1:111122223333:key/', !Ref KeyParam]]
                  ParamJoin: !Join [':', [!Ref KeyParam]]
                  Imported: !ImportValue shared-key-arn
                  OtherSub: !Sub '${KeyParam}-orders'
                  Missing: !GetAtt NotHere.Arn
            """;

    private static KmsKeyReference judge(String property) {
        ResourceSet set;
        try {
            set = TemplateParser.parse("t.yaml", YAML.getBytes(StandardCharsets.UTF_8)).resourceSet();
        } catch (TemplateFormatException e) {
            throw new AssertionError(e);
        }
        return KmsKeyReference.of(set.byId("T").orElseThrow().property(property), set);
    }

    private static void assertKind(Kind expected, String property) {
        KmsKeyReference key = judge(property);
        assertEquals(expected, key.kind(), property + ": " + key.description());
    }

    @Test
    void keysAndAliasesOfTheTemplateAreCustomerKeys() {
        assertKind(Kind.CUSTOMER, "RefKey");
        assertKind(Kind.CUSTOMER, "GetAttKey");
        assertKind(Kind.CUSTOMER, "SubKey");
        assertKind(Kind.CUSTOMER, "RefAlias");
        assertTrue(judge("RefKey").description().contains("customer key Key"));
    }

    @Test
    void aReferenceToAnotherKindOfResourceIsNoKnownKey() {
        assertKind(Kind.UNRESOLVED, "RefBucket");
        assertTrue(judge("RefBucket").description().contains("AWS::S3::Bucket Bucket, not a KMS key"));
        assertKind(Kind.UNRESOLVED, "Missing");
    }

    @Test
    void parametersWithoutDefaultMayBeEmpty() {
        assertKind(Kind.UNRESOLVED, "Param");
        assertKind(Kind.UNRESOLVED, "BareSub");
        assertKind(Kind.UNRESOLVED, "ParamJoin");
    }

    @Test
    void absentValues() {
        assertKind(Kind.ABSENT, "NoValue");
        assertKind(Kind.ABSENT, "Empty");
        assertKind(Kind.ABSENT, "NotThere");
    }

    @Test
    void awsManagedKeysInEveryForm() {
        assertKind(Kind.AWS_MANAGED, "Managed");
        assertKind(Kind.AWS_MANAGED, "ManagedArn");
        assertKind(Kind.AWS_MANAGED, "SecretsManaged");
        assertKind(Kind.AWS_MANAGED, "ManagedSub");
        assertEquals("the AWS managed key alias/aws/sns", judge("ManagedArn").description());
    }

    @Test
    void builtArnsAndLiterals() {
        assertKind(Kind.CUSTOMER, "Literal");
        assertKind(Kind.CUSTOMER, "KeyArnSub");
        assertKind(Kind.CUSTOMER, "KeyArnJoin");
    }

    @Test
    void someKeyTheTemplateDoesNotIdentifyIsSetButNotACustomerKey() {
        for (String property : new String[] {"Imported", "OtherSub"}) {
            KmsKeyReference key = judge(property);
            assertEquals(Kind.UNIDENTIFIED_KEY, key.kind(), property);
            assertTrue(key.isSet(), property);
        }
    }
}
