package dev.cxscan.scanner.wafr;

import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.WafrMapping;
import dev.cxscan.reports.wafr.WafrReview;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.ClientSettings;
import dev.cxscan.scanner.live.ReadOnlyGuard;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.wellarchitected.WellArchitectedClient;
import software.amazon.awssdk.services.wellarchitected.WellArchitectedClientBuilder;
import software.amazon.awssdk.services.wellarchitected.model.AccessDeniedException;
import software.amazon.awssdk.services.wellarchitected.model.Answer;
import software.amazon.awssdk.services.wellarchitected.model.AnswerSummary;
import software.amazon.awssdk.services.wellarchitected.model.ChoiceAnswer;
import software.amazon.awssdk.services.wellarchitected.model.ChoiceAnswerSummary;
import software.amazon.awssdk.services.wellarchitected.model.GetLensReviewResponse;
import software.amazon.awssdk.services.wellarchitected.model.GetMilestoneResponse;
import software.amazon.awssdk.services.wellarchitected.model.LensReview;
import software.amazon.awssdk.services.wellarchitected.model.ListAnswersRequest;
import software.amazon.awssdk.services.wellarchitected.model.ListAnswersResponse;
import software.amazon.awssdk.services.wellarchitected.model.ResourceNotFoundException;
import software.amazon.awssdk.services.wellarchitected.model.ThrottlingException;
import software.amazon.awssdk.services.wellarchitected.model.WellArchitectedException;
import software.amazon.awssdk.services.wellarchitected.model.Workload;

/**
 * Reads a review through the Well-Architected Tool API: GetWorkload (or GetMilestone with a milestone),
 * GetLensReview, every page of ListAnswers and, with notes wanted, GetAnswer for each question the catalog
 * maps. Only the read calls of {@link #IAM_ACTIONS} are made.
 */
public final class WafrApiImporter {
    /** The IAM actions this importer calls, for the scan role's policy. */
    public static final List<String> IAM_ACTIONS = List.of(
            "wellarchitected:GetWorkload",
            "wellarchitected:GetMilestone",
            "wellarchitected:GetLensReview",
            "wellarchitected:ListAnswers",
            "wellarchitected:GetAnswer");

    /** Operation names (as the SDK's execution attributes name them) of {@link #IAM_ACTIONS}. */
    public static final Set<String> OPERATIONS = Set.of("GetWorkload", "GetMilestone", "GetLensReview", "ListAnswers",
            "GetAnswer");

    private static final Pattern WORKLOAD_ARN =
            Pattern.compile("arn:[\\w-]+:wellarchitected:([a-z0-9-]+):(\\d{12}):workload/([0-9a-f]{32})");
    private static final Pattern WORKLOAD_ID = Pattern.compile("[0-9a-f]{32}");

    /** An API failure the user can act on (access, not found, throttled), as one sentence. */
    public static final class WafrApiException extends RuntimeException {
        public WafrApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** --wafr-workload parsed: the id, and the region of an ARN. */
    public record WorkloadRef(String id, String region, String account) {
        public static WorkloadRef parse(String value) {
            String v = value.trim();
            Matcher m = WORKLOAD_ARN.matcher(v);
            if (m.matches()) {
                return new WorkloadRef(m.group(3), m.group(1), m.group(2));
            }
            if (WORKLOAD_ID.matcher(v).matches()) {
                return new WorkloadRef(v, null, null);
            }
            throw new IllegalArgumentException("'" + value + "' is neither a workload id (32 hex characters) nor a "
                    + "workload ARN (arn:aws:wellarchitected:REGION:ACCOUNT:workload/ID)");
        }
    }

    /**
     * How to reach the API.
     *
     * @param region the region (from --wafr-region, the workload ARN or the session)
     * @param client what the client is built with: an account scan's {@link AwsSession#clientSettings} (its
     *               credentials, endpoint, read-only guard, call recorder, rate limit and metrics publisher), with
     *               --wafr-profile's credentials when given; a {@link ReadOnlyGuard} is added when it has none
     */
    public record Connection(Region region, ClientSettings client) {
        public Connection {
            client = client == null ? ClientSettings.NONE : client;
        }
    }

    private final Connection connection;

    public WafrApiImporter(Connection connection) {
        this.connection = connection;
    }

    /** A client for the connection (it owns its HTTP client: closing it closes both). */
    public WellArchitectedClient client() {
        ClientSettings settings = connection.client();
        WellArchitectedClientBuilder b = WellArchitectedClient.builder()
                .region(connection.region())
                .httpClientBuilder(ApacheHttpClient.builder());
        if (settings.credentials() != null) {
            b.credentialsProvider(settings.credentials());
        }
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder();
        // an account scan passes the session's settings: the read-only guard refuses any non-read operation before
        // it is sent, the session's recorder and metrics publisher count the calls (scan.apiCalls.wellarchitected).
        // Without them (template scans, wafr show) the client still gets the guard.
        if (settings.interceptors().stream().noneMatch(i -> i instanceof ReadOnlyGuard)) {
            o.addExecutionInterceptor(new ReadOnlyGuard(WellArchitectedClient.SERVICE_NAME));
        }
        settings.interceptors().forEach(o::addExecutionInterceptor);
        settings.metricPublishers().forEach(o::addMetricPublisher);
        b.overrideConfiguration(o.build());
        return b.build();
    }

    /**
     * Reads the review.
     *
     * @param workload  --wafr-workload
     * @param lensAlias --wafr-lens
     * @param milestone --wafr-milestone, or null for the live review
     * @param notes     also call GetAnswer (question and choice notes) for every question the catalog maps
     */
    public WafrReview read(WorkloadRef workload, String lensAlias, Integer milestone, boolean notes) {
        try (WellArchitectedClient client = client()) {
            WafrReview.Workload w;
            WafrReview.Milestone m = null;
            if (milestone != null) {
                GetMilestoneResponse r = call("GetMilestone", workload, () -> client.getMilestone(x -> x
                        .workloadId(workload.id()).milestoneNumber(milestone)));
                m = new WafrReview.Milestone(r.milestone().milestoneNumber(), r.milestone().milestoneName(),
                        r.milestone().recordedAt());
                w = workload(r.milestone().workload());
            } else {
                w = workload(call("GetWorkload", workload, () -> client.getWorkload(x -> x.workloadId(workload.id())))
                        .workload());
            }
            GetLensReviewResponse lr = call("GetLensReview", workload, () -> client.getLensReview(x -> x
                    .workloadId(workload.id()).lensAlias(lensAlias).milestoneNumber(milestone)));
            LensReview l = lr.lensReview();
            WafrReview.LensReview lens = new WafrReview.LensReview(l.lensAlias(), l.lensArn(), l.lensVersion(),
                    l.lensName(), l.lensStatusAsString(), l.updatedAt());

            List<WafrReview.Answer> answers = new ArrayList<>();
            ListAnswersRequest request = ListAnswersRequest.builder().workloadId(workload.id()).lensAlias(lensAlias)
                    .milestoneNumber(milestone).maxResults(50).build();
            // the 2.40.2 paginator has no flattened answerSummaries(): iterate the pages
            call("ListAnswers", workload, () -> {
                for (ListAnswersResponse page : client.listAnswersPaginator(request)) {
                    for (AnswerSummary a : page.answerSummaries()) {
                        answers.add(answer(a));
                    }
                }
                return null;
            });
            if (notes) {
                Set<String> mapped = new LinkedHashSet<>();
                for (Control c : ControlCatalog.bundled().controls()) {
                    for (WafrMapping.Question q : c.wafr().questions()) {
                        mapped.addAll(q.ids());
                    }
                }
                for (int i = 0; i < answers.size(); i++) {
                    String q = answers.get(i).questionId();
                    if (mapped.contains(q)) {
                        Answer full = call("GetAnswer", workload, () -> client.getAnswer(x -> x.workloadId(workload.id())
                                .lensAlias(lensAlias).questionId(q).milestoneNumber(milestone))).answer();
                        answers.set(i, answer(full));
                    }
                }
            }
            URI endpoint = connection.client().endpoint();
            String where = endpoint != null ? endpoint + " (" + connection.region().id() + ")" : connection.region().id();
            return new WafrReview(WafrReview.Source.api(where), w, lens, m, answers);
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(String operation, WorkloadRef workload, Call<T> call) {
        try {
            return call.run();
        } catch (AccessDeniedException e) {
            throw new WafrApiException("Well-Architected Tool: access denied to " + operation + " on workload "
                    + workload.id() + " (the session needs wellarchitected:" + operation + "; for a workload of "
                    + "another account, the owner shares it with this account and the share invitation is accepted): "
                    + message(e), e);
        } catch (ResourceNotFoundException e) {
            throw new WafrApiException("Well-Architected Tool: " + operation + ": not found: " + message(e)
                    + " (check --wafr-workload, --wafr-lens, --wafr-milestone and the region)", e);
        } catch (ThrottlingException e) {
            throw new WafrApiException("Well-Architected Tool: " + operation + " still throttled after retries: "
                    + message(e), e);
        } catch (WellArchitectedException e) {
            throw new WafrApiException("Well-Architected Tool: " + operation + " failed (HTTP " + e.statusCode() + " "
                    + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()) + "): " + message(e), e);
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new WafrApiException("Well-Architected Tool: " + operation + " could not be called: " + e.getMessage(), e);
        }
    }

    private static String message(WellArchitectedException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    private static WafrReview.Workload workload(Workload w) {
        return new WafrReview.Workload(w.workloadId(), w.workloadArn(), w.workloadName(), w.owner(), w.accountIds(),
                w.environmentAsString(), w.reviewOwner(), w.architecturalDesign(), w.updatedAt());
    }

    private static WafrReview.Answer answer(AnswerSummary a) {
        java.util.Map<String, String> titles = new java.util.LinkedHashMap<>();
        a.choices().forEach(c -> titles.put(c.choiceId(), c.title() == null ? "" : c.title()));
        List<WafrReview.ChoiceAnswer> cas = new ArrayList<>();
        for (ChoiceAnswerSummary c : a.choiceAnswerSummaries()) {
            cas.add(new WafrReview.ChoiceAnswer(c.choiceId(), c.statusAsString(), c.reasonAsString(), null));
        }
        return new WafrReview.Answer(a.questionId(), a.pillarId(), a.questionTitle(), a.riskAsString(), a.isApplicable(),
                a.reasonAsString(), a.selectedChoices(), cas, titles, null);
    }

    private static WafrReview.Answer answer(Answer a) {
        java.util.Map<String, String> titles = new java.util.LinkedHashMap<>();
        a.choices().forEach(c -> titles.put(c.choiceId(), c.title() == null ? "" : c.title()));
        List<WafrReview.ChoiceAnswer> cas = new ArrayList<>();
        for (ChoiceAnswer c : a.choiceAnswers()) {
            cas.add(new WafrReview.ChoiceAnswer(c.choiceId(), c.statusAsString(), c.reasonAsString(), c.notes()));
        }
        return new WafrReview.Answer(a.questionId(), a.pillarId(), a.questionTitle(), a.riskAsString(), a.isApplicable(),
                a.reasonAsString(), a.selectedChoices(), cas, titles, a.notes());
    }
}
