package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class EbsVolumeEncryptedTest {
    private final EbsVolumeEncrypted rule = new EbsVolumeEncrypted();

    /** ec2.Volume, ec2.Instance with blockDevices, ec2.LaunchTemplate, as aws-cdk-lib synthesizes them. */
    private static final String CDK = """
            {"Resources": {
              "DataKey2F1A3B4C": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "DataVolume8E0B5F21": {"Type": "AWS::EC2::Volume", "Properties": {
                "AvailabilityZone": "eu-west-1a", "Encrypted": true,
                "KmsKeyId": {"Fn::GetAtt": ["DataKey2F1A3B4C", "Arn"]}, "Size": 100},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DataVolume/Resource"}},
              "HostInstance0A1B2C3D": {"Type": "AWS::EC2::Instance", "Properties": {
                "AvailabilityZone": "eu-west-1a",
                "BlockDeviceMappings": [
                  {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true, "VolumeSize": 30}},
                  {"DeviceName": "/dev/sdb", "Ebs": {"VolumeSize": 100}}],
                "ImageId": {"Ref": "SsmParameterValueawsserviceamiamazonlinuxlatestal2023amikernel61x8664C96584B6F00A464EAD1953AFF4B05118Parameter"},
                "InstanceType": "t3.micro"},
                "Metadata": {"aws:cdk:path": "App/Host/Resource"}},
              "PlainInstance9F8E7D6C": {"Type": "AWS::EC2::Instance", "Properties": {
                "ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro"},
                "Metadata": {"aws:cdk:path": "App/Plain/Resource"}},
              "WorkersLaunchTemplate5E4D3C2B": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
                "LaunchTemplateData": {"BlockDeviceMappings": [
                  {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true, "VolumeSize": 20, "VolumeType": "gp3"}}],
                  "ImageId": "ami-0123456789abcdef0"}},
                "Metadata": {"aws:cdk:path": "App/Workers/LaunchTemplate/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Encrypt:
                Type: String
              Key:
                Type: String
            Resources:
              StringTrue:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
                  Encrypted: 'true'
              Unset:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
              ExplicitFalse:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
                  Encrypted: false
              KeyOnly:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
                  KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
              FromSnapshot:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  SnapshotId: snap-0123456789abcdef0
              FromParameter:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
                  Encrypted: !Ref Encrypt
              KeyFromParameter:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
                  KmsKeyId: !Ref Key
              Config:
                Type: AWS::AutoScaling::LaunchConfiguration
                Properties:
                  ImageId: ami-0123456789abcdef0
                  InstanceType: t3.micro
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvda
                      Ebs:
                        Encrypted: true
                    - DeviceName: /dev/sdc
                      VirtualName: ephemeral0
              EphemeralOnly:
                Type: AWS::AutoScaling::LaunchConfiguration
                Properties:
                  ImageId: ami-0123456789abcdef0
                  InstanceType: t3.micro
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdc
                      VirtualName: ephemeral0
              OpenTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    BlockDeviceMappings:
                      - DeviceName: /dev/xvda
                        Ebs:
                          Encrypted: false
            """;

    @Test
    void cdkEncryptedVolumeNamesItsKey() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "DataVolume8E0B5F21");
        assertTrue(f.message().contains("DataKey2F1A3B4C"), f.message());
    }

    @Test
    void cdkInstanceFailsOnTheUnencryptedDeviceOnly() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "HostInstance0A1B2C3D");
        assertTrue(f.message().contains("/dev/sdb (Encrypted not set)"), f.message());
        assertTrue(!f.message().contains("/dev/xvda"), f.message());
        assertTrue(f.message().contains("ebs_default_encryption"), f.message());
    }

    @Test
    void cdkLaunchTemplatePassesAndInstanceWithoutMappingsIsNotJudged() {
        assertStatus(Status.PASS, rule, CDK, "WorkersLaunchTemplate5E4D3C2B");
        assertNoFinding(rule, CDK, "PlainInstance9F8E7D6C");
    }

    @Test
    void yamlVolumes() {
        assertStatus(Status.PASS, rule, YAML, "StringTrue");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Unset").message().contains("EBS encryption by default"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ExplicitFalse").message().contains("Encrypted is false"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "KeyOnly").message().contains("KmsKeyId is set"));
    }

    @Test
    void unknownsAreNeverAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromSnapshot").message().contains("snap-0123456789abcdef0"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Encrypt"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "KeyFromParameter").message().contains("Ref Key"));
    }

    @Test
    void launchConfigurationsAndTemplates() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Config").message().contains("1 EBS block-device mapping"));
        assertNoFinding(rule, YAML, "EphemeralOnly");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "OpenTemplate").message()
                .contains("LaunchTemplateData.BlockDeviceMappings not encrypted: /dev/xvda (Encrypted false)"));
    }
}
