package dev.cxscan.reports.wafr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Well-Architected Framework Review as imported, independent of where it came from (the WA Tool API or
 * files the AWS CLI or the awslabs export utility wrote). Enum values (risk, status, reason) are kept as the
 * strings the service sent, so a value this version does not know is recorded as is and never counts.
 *
 * @param source    where the review came from (recorded with every waiver)
 * @param workload  the workload (GetWorkload, or the milestone's copy), null when not imported
 * @param lens      the lens review (GetLensReview), null when not imported
 * @param milestone the milestone the answers are pinned to, or null for the live review
 * @param answers   every answer of the lens (all pages of ListAnswers)
 */
public record WafrReview(Source source, Workload workload, LensReview lens, Milestone milestone, List<Answer> answers) {
    public WafrReview {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    /** The date the evidence is dated by: the milestone's RecordedAt, else the lens review's UpdatedAt. */
    public Optional<Instant> reviewDate() {
        if (milestone != null && milestone.recordedAt() != null) {
            return Optional.of(milestone.recordedAt());
        }
        return Optional.ofNullable(lens == null ? null : lens.updatedAt());
    }

    /** Which field {@link #reviewDate()} comes from. */
    public String reviewDateField() {
        if (milestone != null && milestone.recordedAt() != null) {
            return "milestone " + milestone.number() + " RecordedAt";
        }
        return "lens review UpdatedAt";
    }

    /** The answer to a question id, if the review holds it. */
    public Optional<Answer> answer(String questionId) {
        return answers.stream().filter(a -> questionId.equals(a.questionId())).findFirst();
    }

    /**
     * Provenance.
     *
     * @param kind     {@code api} or {@code file}
     * @param files    the files read (kind file), with their SHA-256
     * @param endpoint the API region or endpoint (kind api), e.g. "us-east-1" or "http://127.0.0.1:4566 (us-east-1)"
     */
    public record Source(String kind, List<SourceFile> files, String endpoint) {
        public Source {
            files = files == null ? List.of() : List.copyOf(files);
        }

        public static Source api(String endpoint) {
            return new Source("api", List.of(), endpoint);
        }

        public static Source files(List<SourceFile> files) {
            return new Source("file", files, null);
        }

        public boolean isApi() {
            return "api".equals(kind);
        }
    }

    /** One file the review was read from: its path as given, SHA-256 (hex) and what it held. */
    public record SourceFile(String path, String sha256, String format) {
    }

    /** The workload members the waiver rules and the record use. */
    public record Workload(String id, String arn, String name, String owner, List<String> accountIds,
                           String environment, String reviewOwner, String architecturalDesign, Instant updatedAt) {
        public Workload {
            accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        }
    }

    /** The lens review: alias, ARN, version, status (CURRENT, NOT_CURRENT, DEPRECATED, DELETED, UNSHARED). */
    public record LensReview(String alias, String arn, String version, String name, String status, Instant updatedAt) {
    }

    /** A milestone: a frozen copy of the review. */
    public record Milestone(int number, String name, Instant recordedAt) {
    }

    /**
     * One answer (AnswerSummary from ListAnswers, or Answer from GetAnswer with notes).
     *
     * @param applicable   IsApplicable (null when absent: treated as applicable, as the service defaults it)
     * @param reason       why the question is not applicable, or null
     * @param choiceTitles choice id to title, from the answer's Choices (may be empty)
     * @param notes        question notes (GetAnswer only), or null
     */
    public record Answer(String questionId, String pillarId, String title, String risk, Boolean applicable,
                         String reason, List<String> selectedChoices, List<ChoiceAnswer> choiceAnswers,
                         Map<String, String> choiceTitles, String notes) {
        public Answer {
            selectedChoices = selectedChoices == null ? List.of() : List.copyOf(selectedChoices);
            choiceAnswers = choiceAnswers == null ? List.of() : List.copyOf(choiceAnswers);
            choiceTitles = choiceTitles == null ? Map.of() : Map.copyOf(choiceTitles);
        }

        public Optional<ChoiceAnswer> choiceAnswer(String choiceId) {
            return choiceAnswers.stream().filter(c -> choiceId.equals(c.choiceId())).findFirst();
        }
    }

    /** A ChoiceAnswer(Summary): status SELECTED, NOT_APPLICABLE or UNSELECTED, with its reason. */
    public record ChoiceAnswer(String choiceId, String status, String reason, String notes) {
    }
}
