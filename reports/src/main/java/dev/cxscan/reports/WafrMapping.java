package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Well-Architected Framework Review (lens {@code wellarchitected}) must answer for a control to be
 * waived, read from the control's {@code wafr} block in catalog.json (the one place the mapping lives).
 * Every question in {@link #questions()} is required; {@link #supportingQuestions()} are listed for the
 * auditor only and waive nothing. Ids are the WA Tool's stable question and choice ids (not BP numbers,
 * which move between framework versions), each with the legacy ids of older lens versions as aliases.
 *
 * @param questions           required questions, each with its required choices
 * @param supportingQuestions informative only
 * @param artifactExpected    the document an auditor will usually still ask for, or empty
 */
@JsonPropertyOrder({"questions", "supportingQuestions", "artifactExpected"})
public record WafrMapping(List<Question> questions, List<Question> supportingQuestions, String artifactExpected) {
    public WafrMapping {
        questions = questions == null ? List.of() : List.copyOf(questions);
        supportingQuestions = supportingQuestions == null ? List.of() : List.copyOf(supportingQuestions);
        artifactExpected = artifactExpected == null ? "" : artifactExpected;
    }

    /** No mapping: the control cannot be waived by a review. */
    public static WafrMapping none() {
        return new WafrMapping(List.of(), List.of(), "");
    }

    public boolean waivable() {
        return !questions.isEmpty();
    }

    /**
     * One WA Tool question.
     *
     * @param id                the current question id, e.g. {@code protect-data-rest}
     * @param ref               the pillar question number for people, e.g. SEC08 (not stable, never matched on)
     * @param title             the question text
     * @param aliases           question ids of older lens versions, e.g. {@code telemetry} for {@code observability}
     * @param requiredChoices   every one must be selected (or not applicable with a reason)
     * @param supportingChoices informative only
     */
    @JsonPropertyOrder({"id", "ref", "title", "aliases", "requiredChoices", "supportingChoices"})
    public record Question(String id, String ref, String title, List<String> aliases, List<Choice> requiredChoices,
                           List<String> supportingChoices) {
        public Question {
            ref = ref == null ? "" : ref;
            title = title == null ? "" : title;
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            requiredChoices = requiredChoices == null ? List.of() : List.copyOf(requiredChoices);
            supportingChoices = supportingChoices == null ? List.of() : List.copyOf(supportingChoices);
        }

        /** The id followed by its aliases. */
        public List<String> ids() {
            List<String> all = new ArrayList<>();
            all.add(id);
            all.addAll(aliases);
            return all;
        }
    }

    /**
     * One best-practice choice.
     *
     * @param id                 the current choice id (the docs slug), e.g. {@code sec_protect_data_rest_encrypt}
     * @param ref                the BP number for people, e.g. SEC08-BP02
     * @param title              the best practice's title
     * @param aliases            choice ids of older lens versions
     * @param aliasesApproximate the aliases are worded differently from the current best practice: a match
     *                           through them is flagged "legacy-approximate" in the waiver record
     * @param aliasQuestion      the legacy question id the aliases were asked under, when that is not the
     *                           question's own legacy id (2020 lens: {@code ops_workload_health_define_workload_kpis}
     *                           under {@code workload-health}, while today's KPI choice is in {@code observability});
     *                           null when the aliases were asked under the question itself
     */
    @JsonPropertyOrder({"id", "ref", "title", "aliases", "aliasesApproximate", "aliasQuestion"})
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Choice(String id, String ref, String title, List<String> aliases, boolean aliasesApproximate,
                         String aliasQuestion) {
        public Choice {
            ref = ref == null ? "" : ref;
            title = title == null ? "" : title;
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        public List<String> ids() {
            List<String> all = new ArrayList<>();
            all.add(id);
            all.addAll(aliases);
            return all;
        }
    }
}
