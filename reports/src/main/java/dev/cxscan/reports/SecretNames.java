package dev.cxscan.reports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which property names hold a secret value. A name holds one when it says secret ({@code password}, {@code passwd},
 * {@code passphrase}, {@code secret}, {@code token}, {@code privatekey}, {@code accesskey}, {@code apikey},
 * {@code authkey}, {@code credential}, {@code connectionstring}) and is not a <em>setting</em>: a name that points
 * to a secret or describes one without holding it. Settings are recognised by their first or last word, after
 * case, '_', '-' and '.' are dropped: {@code SecretArn}, {@code AccessKeyId}, {@code PasswordLength},
 * {@code MinimumPasswordLength}, {@code PasswordResetRequired}, {@code PasswordLastUsed},
 * {@code TokenValidityUnits}, {@code GenerateSecretString}, {@code ManageMasterUserPassword}, {@code PasswordPolicy},
 * {@code HttpTokens} (the IMDS mode: required/optional), ... Everything under a setting is a setting too
 * ({@code TokenValidityUnits.AccessToken: hours}, {@code GenerateSecretString.GenerateStringKey: password}).
 */
final class SecretNames {
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "secret", "token",
            "privatekey", "accesskey", "apikey", "authkey", "credential", "connectionstring");
    /** Last words of names that point to or describe a secret. */
    private static final List<String> SETTING_SUFFIXES = List.of("arn", "arns", "id", "ids", "name", "names",
            "validity", "units", "length", "enabled", "type", "version", "versionstage", "versionstages", "stage",
            "location", "template", "rotation", "rules", "duration", "ttl", "expiration", "expiry", "policy", "count",
            "mode", "required", "prevention", "days", "maxage", "minage", "passwordage", "period", "interval", "characters", "punctuation",
            "description", "lastused", "date", "time", "timestamp", "status", "source", "sourcetype", "url", "uri",
            "endpoint", "parameter", "param", "path", "field", "header", "httptokens");
    /** First words of names that configure a secret: Minimum/Require/Generate/Manage/Enable/Exclude... */
    private static final List<String> SETTING_PREFIXES = List.of("require", "enable", "manage", "generate", "minimum",
            "maximum", "exclude", "include", "allow", "prevent", "expire");

    private static final Map<String, Boolean> HOLDS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> SETTINGS = new ConcurrentHashMap<>();

    private SecretNames() {
    }

    /** True when a value under this name is a secret (the name says secret and is no setting). */
    static boolean holdsSecret(String name) {
        // property names repeat across thousands of resources: each is judged once
        return HOLDS.computeIfAbsent(name, n -> saysSecret(normalize(n)) && !isSetting(n));
    }

    /** True when the name points to or describes a secret: nothing under it is one. */
    static boolean isSetting(String name) {
        return SETTINGS.computeIfAbsent(name, n -> {
            String s = normalize(n);
            return SETTING_SUFFIXES.stream().anyMatch(s::endsWith) || SETTING_PREFIXES.stream().anyMatch(s::startsWith);
        });
    }

    private static boolean saysSecret(String normalized) {
        return SECRET_WORDS.stream().anyMatch(normalized::contains);
    }

    private static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
