package dev.cxscan.scanner.live;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The read-only guard: an execution interceptor on every client that refuses, before anything is
 * sent, any operation not on the allowlist of read operations (Get*, List*, Describe*, Lookup*,
 * Head*, GenerateCredentialReport, and the STS calls a scan needs: AssumeRole, GetCallerIdentity).
 * cxscan cannot change an account even when the credentials it runs with could.
 */
public final class ReadOnlyGuard implements ExecutionInterceptor {
    /** Operation name prefixes that only read. */
    public static final List<String> READ_PREFIXES = List.of("Get", "List", "Describe", "Lookup", "Head");
    /** Operations allowed by name although they do not start with a read prefix. */
    public static final Set<String> ALLOWED = Set.of("iam:GenerateCredentialReport", "sts:AssumeRole",
            "sts:GetCallerIdentity");

    private final String service;

    /** @param service the client's SERVICE_NAME (endpoint prefix), e.g. "ec2" */
    public ReadOnlyGuard(String service) {
        this.service = service;
    }

    /** True when {@code operation} of {@code service} may be sent. */
    public static boolean allowed(String service, String operation) {
        if (operation == null) {
            return false;
        }
        if (ALLOWED.contains(IamActions.prefix(service) + ":" + operation)) {
            return true;
        }
        for (String p : READ_PREFIXES) {
            if (operation.startsWith(p) && operation.length() > p.length()
                    && Character.isUpperCase(operation.charAt(p.length()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!allowed(service, operation)) {
            throw new ReadOnlyViolationException(service, operation);
        }
    }

    /** Thrown before a non-read operation is sent. */
    public static final class ReadOnlyViolationException extends RuntimeException {
        private final String action;

        public ReadOnlyViolationException(String service, String operation) {
            super("cxscan is read-only: refused " + service + ":" + operation);
            this.action = service + ":" + operation;
        }

        /** "service:Operation" as the client named it. */
        public String action() {
            return action;
        }
    }
}
