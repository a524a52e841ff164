package dev.cxscan.scanner.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names closest to a mistyped one, by edit distance with transpositions (so {@code --fromat} finds
 * {@code --format} and {@code eu-wset-1} finds {@code eu-west-1}, which picocli's own bigram similarity misses).
 */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidates at the smallest distance from {@code typed}, at most three, in the candidates' order; none when
     * even the closest needs more than a third of the name changed (then a suggestion would be a guess).
     */
    public static List<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        int best = Math.max(1, t.length() / 3);
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d == 0) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best && out.size() < 3 && !out.contains(c)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** "a", "a or b", "a, b or c". */
    public static String join(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
