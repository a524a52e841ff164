package dev.cxscan.reports;

import java.util.regex.Pattern;

/**
 * What a string under a secret-named property is. Two questions, because the answers cost differently:
 * <ul>
 *   <li>{@link #isReference}: it only names where a secret lives (masked nowhere): a dynamic reference
 *       ({@code {{resolve:...}}}), an ARN, an SSM parameter name ({@code /app/db/password}), a template of
 *       {@code ${...}} placeholders without literal text, a boolean, an ISO-8601 date/time, or the mask itself.</li>
 *   <li>{@link #isLearnable}: it looks like a secret, so it is masked in every other text too (a message quoting
 *       the password): at least 8 characters with a letter and a digit or symbol, or 20+ characters of letters and spaces (a
 *       passphrase).
 *       Never numbers, symbol-only strings, short words or enumerations ({@code required}, {@code optional}):
 *       masked where they stand, they would otherwise eat the same word in every message.</li>
 * </ul>
 * (As detect-secrets and similar scanners do: a secret-named key is only half the evidence; templated values,
 * references and low-information values are not reported.)
 */
final class SecretValues {
    static final int MIN_LEARNED = 8;
    static final int MIN_LEARNED_LETTERS_ONLY = 20;
    /** Shannon entropy (bits per character) above which a 100+ character base64 run is a token, not a name. */
    static final double TOKEN_ENTROPY = 5.0;

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:.*");
    private static final Pattern SSM_NAME = Pattern.compile("/[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)+(:\\d+)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?");

    private SecretValues() {
    }

    /** True when the value names a secret or a setting rather than holding one. */
    static boolean isReference(String v) {
        if (v.isEmpty() || v.equals(Redactor.MASK) || v.contains("{{resolve:")) {
            return true;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return true;
        }
        if (v.startsWith("arn:") && ARN.matcher(v).matches()) {
            return true;
        }
        if (v.startsWith("/") && SSM_NAME.matcher(v).matches()) {
            return true;
        }
        if (v.contains("${") && !hasLetterOrDigit(PLACEHOLDER.matcher(v).replaceAll(""))) {
            return true;
        }
        return Character.isDigit(v.charAt(0)) && DATE_TIME.matcher(v).matches();
    }

    /** True when the value looks like a secret of its own, worth masking wherever it appears. */
    static boolean isLearnable(String v) {
        if (v.length() < MIN_LEARNED || isReference(v)) {
            return false;
        }
        boolean letter = false;
        boolean other = false; // a digit or a symbol
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!Character.isWhitespace(c)) {
                other = true;
            }
        }
        if (letter && other) {
            return true;
        }
        return letter && v.length() >= MIN_LEARNED_LETTERS_ONLY;
    }

    /** True for a long base64 run that is random enough to be a token, not a long logical id or CDK path. */
    static boolean isTokenLike(CharSequence run) {
        return entropy(run) >= TOKEN_ENTROPY;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(CharSequence s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                h -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other > 0) {
            h -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return h;
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
