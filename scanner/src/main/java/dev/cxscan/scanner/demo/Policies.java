package dev.cxscan.scanner.demo;

/** Policy documents of the seed scenarios. */
final class Policies {
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static final String SAML_METADATA = "<?xml version=\"1.0\"?><md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
            + "entityID=\"https://idp.example.com/saml\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
            + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example.com/sso\"/>"
            + "</md:IDPSSODescriptor></md:EntityDescriptor>";

    private Policies() {
    }

    static String secureTransport(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
    }

    /** CloudTrail delivery only, deletion denied to everyone, TLS enforced for every other request. */
    static String trailBucket(String bucket, String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AWSCloudTrailAclCheck\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"s3:GetBucketAcl\",\"Resource\":\"arn:aws:s3:::" + bucket + "\"},"
                + "{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/AWSLogs/" + account + "/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}},"
                + "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:DeleteBucket\",\"s3:DeleteObject*\"],"
                + "\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]},"
                + "{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
    }
}
