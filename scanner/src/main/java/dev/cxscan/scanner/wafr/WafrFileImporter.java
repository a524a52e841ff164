package dev.cxscan.scanner.wafr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.wafr.WafrImport;
import dev.cxscan.reports.wafr.WafrReview;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Well-Architected review from files:
 * <ul>
 *   <li>the JSON the AWS CLI prints for {@code get-workload} (or {@code get-milestone}), {@code get-lens-review}
 *   and {@code list-answers} (pages merged by the CLI), one file each or one object holding all three (their
 *   members side by side, or each response under a key of its own); {@code get-answer} output adds notes;</li>
 *   <li>the export of the awslabs {@code exportImportWAFR.py} utility
 *   ({@code {"workload":[...], "lenses":[{"<alias>":[Answer...]}], "lens_review":[{"<alias>":LensReview}]}});</li>
 *   <li>a PDF (the review report): kept as an attachment only. Its text carries question and best-practice
 *   titles, not choice ids, so it cannot show which required choices were selected and waives nothing.</li>
 * </ul>
 * Timestamps may be epoch seconds (numbers or numeric strings, as on the wire) or ISO-8601 (the CLI's
 * {@code 2025-11-03T14:22:51.318000+00:00}, Python's {@code 2025-11-03 14:22:51.318000+00:00}).
 * Every file's SHA-256 is recorded.
 */
public final class WafrFileImporter {
    public static final String PDF_NOTE = "a PDF report is kept as evidence only: it carries question and best-practice "
            + "titles, not the choice ids the waiver rules need, so it waives nothing (import the review with "
            + "--wafr-workload, or the get-workload, get-lens-review and list-answers JSON, to waive controls)";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the files held: the review (null when only attachments were given) and the attachments. */
    public record Result(WafrReview review, List<WafrImport.Attachment> attachments, List<String> notes) {
    }

    /** A file that cannot be used: names the file and why (an input error, exit 2). */
    public static final class WafrInputException extends RuntimeException {
        public WafrInputException(String message) {
            super(message);
        }
    }

    private final String lensAlias;

    /** @param lensAlias the lens whose answers to take, e.g. {@code wellarchitected} (or its ARN) */
    public WafrFileImporter(String lensAlias) {
        this.lensAlias = lensAlias;
    }

    public Result read(List<Path> files) {
        Parts parts = new Parts();
        List<WafrReview.SourceFile> sources = new ArrayList<>();
        List<WafrImport.Attachment> attachments = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new WafrInputException("--wafr-file " + file + ": cannot read it (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
            String sha = sha256(bytes);
            if (isPdf(bytes)) {
                attachments.add(new WafrImport.Attachment(String.valueOf(file.getFileName()), file.toString(), sha,
                        bytes.length, PDF_NOTE, file));
                notes.add(file + ": " + PDF_NOTE);
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new WafrInputException("--wafr-file " + file + ": neither JSON nor a PDF (" + firstLine(e.getMessage()) + ")");
            }
            if (root == null || !root.isObject()) {
                throw new WafrInputException("--wafr-file " + file + ": expected a JSON object (AWS CLI output of "
                        + "get-workload, get-lens-review or list-answers, or an exportImportWAFR.py export)");
            }
            List<String> found = new ArrayList<>();
            collect(root, file, parts, found, 0);
            if (found.isEmpty()) {
                throw new WafrInputException("--wafr-file " + file + ": holds no Well-Architected review data (no Workload, "
                        + "Milestone, LensReview, AnswerSummaries or Answer member, and not an exportImportWAFR.py export)");
            }
            sources.add(new WafrReview.SourceFile(file.toString(), sha, String.join(", ", found)));
        }
        if (sources.isEmpty()) {
            return new Result(null, attachments, notes);
        }
        WafrReview.Milestone milestone = parts.milestone;
        if (milestone == null && parts.answersMilestone != null) {
            milestone = new WafrReview.Milestone(parts.answersMilestone, null, null);
        } else if (milestone != null && parts.answersMilestone != null && milestone.number() != parts.answersMilestone) {
            throw new WafrInputException("--wafr-file: the answers are of milestone " + parts.answersMilestone
                    + ", the milestone file is milestone " + milestone.number());
        }
        WafrReview review = new WafrReview(WafrReview.Source.files(sources), parts.workload(), parts.lens,
                milestone, new ArrayList<>(parts.answers.values()));
        return new Result(review, attachments, notes);
    }

    /** Review parts gathered across the files. */
    private final class Parts {
        WafrReview.Workload workload;
        WafrReview.Workload milestoneWorkload;
        WafrReview.LensReview lens;
        WafrReview.Milestone milestone;
        Integer answersMilestone;
        String workloadId;
        final Map<String, WafrReview.Answer> answers = new LinkedHashMap<>();

        WafrReview.Workload workload() {
            return milestoneWorkload != null ? milestoneWorkload : workload;
        }

        void workloadId(String id, Path file) {
            if (id == null || id.isEmpty()) {
                return;
            }
            if (workloadId != null && !workloadId.equals(id)) {
                throw new WafrInputException("--wafr-file " + file + ": is about workload " + id + ", other files about "
                        + workloadId + " (give the files of one workload)");
            }
            workloadId = id;
        }
    }

    private void collect(JsonNode node, Path file, Parts parts, List<String> found, int depth) {
        parts.workloadId(text(node, "WorkloadId"), file);
        if (node.has("workload") && node.get("workload").isArray() && node.has("lenses")) {
            labExport(node, file, parts, found);
            return;
        }
        if (node.path("Workload").isObject()) {
            parts.workload = workload(node.get("Workload"), file);
            parts.workloadId(parts.workload.id(), file);
            found.add("get-workload");
        }
        if (node.path("Milestone").isObject()) {
            JsonNode m = node.get("Milestone");
            parts.milestone = new WafrReview.Milestone(m.path("MilestoneNumber").asInt(), text(m, "MilestoneName"),
                    time(m.get("RecordedAt"), file, "Milestone.RecordedAt"));
            if (m.path("Workload").isObject()) {
                parts.milestoneWorkload = workload(m.get("Workload"), file);
                parts.workloadId(parts.milestoneWorkload.id(), file);
            }
            found.add("get-milestone");
        }
        if (node.path("LensReview").isObject()) {
            JsonNode l = node.get("LensReview");
            if (matchesLens(text(l, "LensAlias"), text(l, "LensArn"))) {
                parts.lens = lens(l, file);
                found.add("get-lens-review");
            }
        }
        if (node.path("AnswerSummaries").isArray()) {
            if (matchesLens(text(node, "LensAlias"), text(node, "LensArn"))) {
                for (JsonNode a : node.get("AnswerSummaries")) {
                    putAnswer(parts, answer(a));
                }
                if (node.has("MilestoneNumber") && !node.get("MilestoneNumber").isNull()) {
                    parts.answersMilestone = node.get("MilestoneNumber").asInt();
                }
                found.add("list-answers");
            }
        }
        if (node.path("Answer").isObject()) {
            if (matchesLens(text(node, "LensAlias"), text(node, "LensArn"))) {
                putAnswer(parts, answer(node.get("Answer")));
                found.add("get-answer");
            }
        }
        if (found.isEmpty() && depth == 0) {
            // one object holding each response under a key of its own
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                JsonNode child = it.next();
                if (child.isObject()) {
                    collect(child, file, parts, found, depth + 1);
                }
            }
        }
    }

    /** GetAnswer (with notes) replaces the ListAnswers summary of the same question, never the reverse. */
    private static void putAnswer(Parts parts, WafrReview.Answer a) {
        WafrReview.Answer old = parts.answers.get(a.questionId());
        if (old != null && old.notes() != null && a.notes() == null) {
            return;
        }
        parts.answers.put(a.questionId(), a);
    }

    private void labExport(JsonNode node, Path file, Parts parts, List<String> found) {
        JsonNode w = node.get("workload").path(0);
        if (w.isObject()) {
            parts.workload = workload(w, file);
            parts.workloadId(parts.workload.id(), file);
        }
        boolean lensFound = false;
        List<String> available = new ArrayList<>();
        for (JsonNode entry : node.path("lenses")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                available.add(e.getKey());
                if (matchesLens(e.getKey(), e.getKey())) {
                    lensFound = true;
                    for (JsonNode a : e.getValue()) {
                        putAnswer(parts, answer(a));
                    }
                }
            }
        }
        for (JsonNode entry : node.path("lens_review")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (matchesLens(e.getKey(), e.getKey()) && e.getValue().isObject()) {
                    parts.lens = lens(e.getValue(), file);
                }
            }
        }
        if (!lensFound) {
            throw new WafrInputException("--wafr-file " + file + ": the export holds no answers for lens " + lensAlias
                    + " (lenses in the file: " + String.join(", ", available) + "; choose one with --wafr-lens)");
        }
        found.add("exportImportWAFR.py export");
    }

    private boolean matchesLens(String alias, String arn) {
        if (alias == null && arn == null) {
            return true;
        }
        return lensAlias.equals(alias) || lensAlias.equals(arn)
                || (arn != null && arn.endsWith(":lens/" + lensAlias))
                || (alias != null && lensAlias.endsWith(":lens/" + alias));
    }

    private static WafrReview.Workload workload(JsonNode w, Path file) {
        return new WafrReview.Workload(text(w, "WorkloadId"), text(w, "WorkloadArn"), text(w, "WorkloadName"),
                text(w, "Owner"), strings(w.get("AccountIds")), text(w, "Environment"), text(w, "ReviewOwner"),
                text(w, "ArchitecturalDesign"), time(w.get("UpdatedAt"), file, "Workload.UpdatedAt"));
    }

    private static WafrReview.LensReview lens(JsonNode l, Path file) {
        return new WafrReview.LensReview(text(l, "LensAlias"), text(l, "LensArn"), text(l, "LensVersion"),
                text(l, "LensName"), text(l, "LensStatus"), time(l.get("UpdatedAt"), file, "LensReview.UpdatedAt"));
    }

    static WafrReview.Answer answer(JsonNode a) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (JsonNode c : a.path("Choices")) {
            if (c.isObject() && text(c, "ChoiceId") != null) {
                titles.put(text(c, "ChoiceId"), text(c, "Title") == null ? "" : text(c, "Title"));
            }
        }
        List<WafrReview.ChoiceAnswer> choiceAnswers = new ArrayList<>();
        JsonNode cas = a.has("ChoiceAnswers") ? a.get("ChoiceAnswers") : a.path("ChoiceAnswerSummaries");
        for (JsonNode c : cas) {
            if (c.isObject()) {
                choiceAnswers.add(new WafrReview.ChoiceAnswer(text(c, "ChoiceId"), text(c, "Status"), text(c, "Reason"),
                        text(c, "Notes")));
            }
        }
        JsonNode applicable = a.get("IsApplicable");
        return new WafrReview.Answer(text(a, "QuestionId"), text(a, "PillarId"), text(a, "QuestionTitle"), text(a, "Risk"),
                applicable == null || applicable.isNull() ? null : applicable.asBoolean(), text(a, "Reason"),
                strings(a.get("SelectedChoices")), choiceAnswers, titles, text(a, "Notes"));
    }

    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0).toFormatter();

    /** Epoch seconds (number or numeric string) or ISO-8601 with or without 'T'; no offset means UTC. */
    static Instant time(JsonNode n, Path file, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return epoch(n.decimalValue());
        }
        String s = n.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return epoch(new BigDecimal(s));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return OffsetDateTime.parse(s, SPACED).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new WafrInputException("--wafr-file " + file + ": " + field + " '" + s
                    + "' is neither epoch seconds nor an ISO-8601 time");
        }
    }

    private static Instant epoch(BigDecimal seconds) {
        long s = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(s)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(s, nanos);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (JsonNode v : n) {
                if (v.isValueNode() && !v.isNull()) {
                    out.add(v.asText());
                }
            }
        }
        return out;
    }

    static boolean isPdf(byte[] bytes) {
        return bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-';
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n", 2)[0];
    }
}
