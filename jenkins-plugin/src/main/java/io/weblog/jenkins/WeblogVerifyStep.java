package io.weblog.jenkins;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.weblog.CheckSettings;
import io.weblog.ConfigException;
import io.weblog.FieldCheck;
import io.weblog.Setting;
import io.weblog.check.Probe;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The check's configuration, shared by both front doors of the plugin: it is the pipeline step {@code weblogVerify},
 * which returns the verdict, and the freestyle build step "Verify web server access log" holds one
 * ({@link WeblogVerifyBuilder}). Its fields are the command line's settings, with credentials from the Credentials
 * plugin; everything is read and judged by the engine.
 *
 * <pre>
 * def v = weblogVerify hosts: ['deploy@web1', 'deploy@web2'], log: '/var/log/nginx/access.log', follow: '2m',
 *                      credentialsId: 'deploy-key', rules: ['status=5xx max=0', 'status=404 referrer!=- max=0']
 * </pre>
 */
public final class WeblogVerifyStep extends Step {
    /** Where the reports go in the workspace unless configured. */
    public static final String DEFAULT_REPORTS = "weblog-reports";

    private List<String> hosts = new ArrayList<>();
    private String log;
    private List<String> files = new ArrayList<>();
    private String format;
    private List<String> rules = new ArrayList<>();
    private String since;
    private String until;
    private String follow;
    private String stopOn;
    private String baseline;
    private String significance;
    private String mark;
    private String markTimeout;
    private boolean allowEmpty;
    private boolean groups;
    private String credentialsId;
    private HostKeyVerification hostKeyVerification = HostKeyVerification.byDefault();
    private String jump;
    private String connectTimeout;
    private boolean sftp;
    private int samples = 5;
    private ResultOnViolation resultOnViolation = ResultOnViolation.FAILURE;
    private String reports = DEFAULT_REPORTS;

    /** Every field is optional in the form; a check needs a source and a rule, which the engine asks for. */
    @DataBoundConstructor
    public WeblogVerifyStep() {
    }

    /** Remote hosts, {@code [user@]host[:port]}, read at once. */
    public List<String> getHosts() {
        return hosts;
    }

    /** Sets the remote hosts; blank entries are dropped. */
    @DataBoundSetter
    public void setHosts(List<String> hosts) {
        this.hosts = lines(hosts);
    }

    /** The log's path on the hosts. */
    public String getLog() {
        return log;
    }

    /** Sets the log's path on the hosts. */
    @DataBoundSetter
    public void setLog(String log) {
        this.log = Util.fixEmptyAndTrim(log);
    }

    /** Local logs, relative to the workspace. */
    public List<String> getFiles() {
        return files;
    }

    /** Sets the local logs; blank entries are dropped. */
    @DataBoundSetter
    public void setFiles(List<String> files) {
        this.files = lines(files);
    }

    /** The log format, or {@code null} to recognise it. */
    public String getFormat() {
        return format;
    }

    /** Sets the log format. */
    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Util.fixEmptyAndTrim(format);
    }

    /** The rules. */
    public List<String> getRules() {
        return rules;
    }

    /** Sets the rules; blank entries are dropped. */
    @DataBoundSetter
    public void setRules(List<String> rules) {
        this.rules = lines(rules);
    }

    /** The start of the window, or {@code null}. */
    public String getSince() {
        return since;
    }

    /** Sets the start of the window: an ISO-8601 instant, or a duration such as {@code 30m} before now. */
    @DataBoundSetter
    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    /** The end of the window, or {@code null}. */
    public String getUntil() {
        return until;
    }

    /** Sets the end of the window. */
    @DataBoundSetter
    public void setUntil(String until) {
        this.until = Util.fixEmptyAndTrim(until);
    }

    /** How long to follow the logs live, or {@code null}. */
    public String getFollow() {
        return follow;
    }

    /** Sets how long to follow the logs live, such as {@code 2m}. */
    @DataBoundSetter
    public void setFollow(String follow) {
        this.follow = Util.fixEmptyAndTrim(follow);
    }

    /** The selector of the hit that ends the window, or {@code null}. */
    public String getStopOn() {
        return stopOn;
    }

    /** Sets the selector of the hit that ends the window, such as {@code path=/deploy-done}. */
    @DataBoundSetter
    public void setStopOn(String stopOn) {
        this.stopOn = Util.fixEmptyAndTrim(stopOn);
    }

    /** The time before the window it is judged against, or {@code null}. */
    public String getBaseline() {
        return baseline;
    }

    /** Sets the time before the window it is judged against: {@code before}, a duration, or {@code WHEN..WHEN}. */
    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    /** The significance level of a comparison with the baseline, or {@code null} for the default. */
    public String getSignificance() {
        return significance;
    }

    /** Sets how unlikely by chance a rise over the baseline must be to fail a rule, such as {@code 0.01}. */
    @DataBoundSetter
    public void setSignificance(String significance) {
        this.significance = Util.fixEmptyAndTrim(significance);
    }

    /** The URL of the request whose line starts the followed window, or {@code null}. */
    public String getMark() {
        return mark;
    }

    /** Sets the URL of the request whose line starts the followed window (and whose second one ends it). */
    @DataBoundSetter
    public void setMark(String mark) {
        this.mark = Util.fixEmptyAndTrim(mark);
    }

    /** How long a mark may take to appear in the log, or {@code null} for the default. */
    public String getMarkTimeout() {
        return markTimeout;
    }

    /** Sets how long a mark may take to appear in the log, such as {@code 30s}. */
    @DataBoundSetter
    public void setMarkTimeout(String markTimeout) {
        this.markTimeout = Util.fixEmptyAndTrim(markTimeout);
    }

    /** Whether a window without hits may pass. */
    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    /** Sets whether a window without hits may pass. */
    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    /** Whether every rule's hits are shown by path, not only a failed rule's. */
    public boolean isGroups() {
        return groups;
    }

    /** Sets whether every rule's hits are shown by path, with the pages that link to them. */
    @DataBoundSetter
    public void setGroups(boolean groups) {
        this.groups = groups;
    }

    /** The id of the SSH credentials: a private key, or a user name and password. */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** Sets the id of the SSH credentials. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** How host keys are checked. */
    public HostKeyVerification getHostKeyVerification() {
        return hostKeyVerification;
    }

    /** Sets how host keys are checked; {@code null} means against the default known_hosts file. */
    @DataBoundSetter
    public void setHostKeyVerification(HostKeyVerification hostKeyVerification) {
        this.hostKeyVerification = hostKeyVerification == null ? HostKeyVerification.byDefault()
                : hostKeyVerification;
    }

    /** The jump hosts, comma-separated, or {@code null}. */
    public String getJump() {
        return jump;
    }

    /** Sets the jump hosts, {@code [user@]host[:port]}, comma-separated, as {@code ssh -J} takes them. */
    @DataBoundSetter
    public void setJump(String jump) {
        this.jump = Util.fixEmptyAndTrim(jump);
    }

    /** How long connecting may take, or {@code null} for the engine's default. */
    public String getConnectTimeout() {
        return connectTimeout;
    }

    /** Sets how long connecting and logging in may take, such as {@code 15s}. */
    @DataBoundSetter
    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = Util.fixEmptyAndTrim(connectTimeout);
    }

    /** Whether logs are read over SFTP even where a shell is available. */
    public boolean isSftp() {
        return sftp;
    }

    /** Sets whether logs are read over SFTP even where a shell is available. */
    @DataBoundSetter
    public void setSftp(boolean sftp) {
        this.sftp = sftp;
    }

    /** Offending hits kept per rule. */
    public int getSamples() {
        return samples;
    }

    /** Sets how many offending hits are kept per rule. */
    @DataBoundSetter
    public void setSamples(int samples) {
        this.samples = samples;
    }

    /** What a failed rule (or an empty window) makes of the build. */
    public ResultOnViolation getResultOnViolation() {
        return resultOnViolation;
    }

    /** Sets what a failed rule makes of the build: FAILURE (the default) or UNSTABLE. */
    @DataBoundSetter
    public void setResultOnViolation(ResultOnViolation resultOnViolation) {
        this.resultOnViolation = resultOnViolation == null ? ResultOnViolation.FAILURE : resultOnViolation;
    }

    /** The directory in the workspace the reports go to; empty for none. */
    public String getReports() {
        return reports;
    }

    /** Sets the directory in the workspace for the JSON, JUnit XML and HTML reports; empty writes none. */
    @DataBoundSetter
    public void setReports(String reports) {
        this.reports = reports == null ? "" : reports.strip();
    }

    /** The rules as the form's text area shows them, one per line. */
    public String getRulesText() {
        return String.join("\n", rules);
    }

    /** The hosts as the form's text area shows them, one per line. */
    public String getHostsText() {
        return String.join("\n", hosts);
    }

    /** The files as the form's text area shows them, one per line. */
    public String getFilesText() {
        return String.join("\n", files);
    }

    /**
     * The check's settings, as text, without credentials or a workspace: {@link WeblogRun} adds those where the build
     * runs.
     */
    CheckSettings settings() {
        CheckSettings settings = new CheckSettings()
                .hosts(hosts)
                .log(log)
                .files(files)
                .format(format)
                .rules(rules)
                .since(since)
                .until(until)
                .follow(follow)
                .stopOn(stopOn)
                .baseline(baseline)
                .significance(significance)
                .markTimeout(markTimeout)
                .mark(mark)
                .allowEmpty(allowEmpty)
                .groupAll(groups)
                .jump(jump)
                .connectTimeout(connectTimeout)
                .sftp(sftp)
                .samples(samples);
        hostKeyVerification.applyTo(settings);
        return settings;
    }

    /**
     * Fills in what a configuration saved by an earlier version, or edited by hand, may lack: XStream sets no field
     * that its XML does not hold.
     */
    private Object readResolve() {
        hosts = lines(hosts);
        files = lines(files);
        rules = lines(rules);
        setHostKeyVerification(hostKeyVerification);
        setResultOnViolation(resultOnViolation);
        setReports(reports);
        return this;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static ArrayList<String> lines(List<String> values) {
        ArrayList<String> kept = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    kept.add(value.strip());
                }
            }
        }
        return kept;
    }

    /**
     * Runs the check on the build's agent when the step is inside {@code node}, else on the controller, and returns
     * the verdict as a map a script can branch on; a failed rule fails the step, or marks the build unstable and
     * returns.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "needed only to start; a "
                + "synchronous step does not survive a restart of Jenkins")
        private final transient WeblogVerifyStep step;

        Execution(WeblogVerifyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            WeblogRun check = new WeblogRun(step, run, context.get(FilePath.class), listener);
            return check.judge(check.verify()).toMap();
        }
    }

    /** The step's name in pipelines, its form and the form's live checks. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "weblogVerify";
        }

        @Override
        public String getDisplayName() {
            return Messages.WeblogVerifyStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * Makes the step from the form, where hosts, files and rules are text areas of one entry per line, while a
         * pipeline gives them as lists. The text areas are taken out of the form's data before it is bound, so that no
         * line is read as JSON, and set as lists after.
         */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            List<String> hosts = formLines(formData, "hosts");
            List<String> files = formLines(formData, "files");
            List<String> rules = formLines(formData, "rules");
            WeblogVerifyStep step = (WeblogVerifyStep) super.newInstance(req, formData);
            if (hosts != null) {
                step.setHosts(hosts);
            }
            if (files != null) {
                step.setFiles(files);
            }
            if (rules != null) {
                step.setRules(rules);
            }
            return step;
        }

        /** A text area's lines, removed from the form's data, or {@code null} when the form has no such text area. */
        private static List<String> formLines(JSONObject formData, String field) {
            Object value = formData.remove(field);
            return value instanceof String text ? Arrays.asList(text.split("\\R")) : null;
        }

        /** Checks the rules, one per line, in the engine's words with line and column. */
        @POST
        public FormValidation doCheckRules(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.lines(Setting.RULE, value));
        }

        /** Checks the hosts, one per line. */
        @POST
        public FormValidation doCheckHosts(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.lines(Setting.HOST, value));
        }

        /** Checks the local files, one per line. */
        @POST
        public FormValidation doCheckFiles(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.lines(Setting.FILE, value));
        }

        /** Checks the log's path on the hosts. */
        @POST
        public FormValidation doCheckLog(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.LOG, value));
        }

        /** Checks the format. */
        @POST
        public FormValidation doCheckFormat(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.FORMAT, value));
        }

        /** Checks the start of the window. */
        @POST
        public FormValidation doCheckSince(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.SINCE, value));
        }

        /** Checks the end of the window. */
        @POST
        public FormValidation doCheckUntil(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.UNTIL, value));
        }

        /** Checks how long to follow. */
        @POST
        public FormValidation doCheckFollow(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.FOLLOW, value));
        }

        /** Checks the stop-on selector. */
        @POST
        public FormValidation doCheckStopOn(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.STOP_ON, value));
        }

        /** Checks the baseline. */
        @POST
        public FormValidation doCheckBaseline(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.BASELINE, value));
        }

        /** Checks the significance level. */
        @POST
        public FormValidation doCheckSignificance(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.SIGNIFICANCE, value));
        }

        /** Checks the mark's URL. */
        @POST
        public FormValidation doCheckMark(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.MARK, value));
        }

        /** Checks how long a mark may take. */
        @POST
        public FormValidation doCheckMarkTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.MARK_TIMEOUT, value));
        }

        /** Checks the jump hosts. */
        @POST
        public FormValidation doCheckJump(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.JUMP, value));
        }

        /** Checks the connect timeout. */
        @POST
        public FormValidation doCheckConnectTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.CONNECT_TIMEOUT, value));
        }

        /** Checks the number of samples. */
        @POST
        public FormValidation doCheckSamples(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> FieldCheck.of(Setting.SAMPLES, value));
        }

        /** The two results a failed rule can make of a build: a fixed list, which anyone who sees the form may see. */
        @POST
        public ListBoxModel doFillResultOnViolationItems() {
            ListBoxModel items = new ListBoxModel();
            for (ResultOnViolation result : ResultOnViolation.values()) {
                items.add(result.getDisplayName(), result.name());
            }
            return items;
        }

        /**
         * The SSH credentials the user may choose for this job: private keys and user names with passwords, seen as
         * the job's builds see them; a user who may not configure the job sees only the current choice.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!Forms.canConfigure(item)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item, StandardUsernameCredentials.class, List.of(), WeblogCredentials.SUPPORTED)
                    .includeCurrentValue(credentialsId);
        }

        /** Says whether the chosen credentials exist and are of a kind the check can use. */
        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.canConfigure(item) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            return WeblogCredentials.find(value, item) == null
                    ? FormValidation.error(Messages.WeblogVerifyStep_NoSuchCredentials(value)) : FormValidation.ok();
        }

        /**
         * Connects to each host from the controller, logs in with the chosen credentials (never the controller's own
         * keys) and finds the log, reading none of it. Host keys are checked against the controller's
         * {@code ~/.ssh/known_hosts}, so that no password goes to a host that is not known; a build checks them as
         * configured, where it runs.
         */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String hosts,
                @QueryParameter String log, @QueryParameter String credentialsId, @QueryParameter String jump,
                @QueryParameter String connectTimeout, @QueryParameter boolean sftp) throws InterruptedException {
            Forms.checkConfigure(item);
            if (hosts == null || hosts.isBlank()) {
                return FormValidation.error(Messages.WeblogVerifyStep_TestNeedsHosts());
            }
            CheckSettings settings = new CheckSettings().hosts(Arrays.asList(hosts.split("\\R"))).log(log)
                    .jump(jump).connectTimeout(connectTimeout).sftp(sftp).defaultKeys(false);
            if (credentialsId != null && !credentialsId.isBlank()) {
                StandardUsernameCredentials credentials = WeblogCredentials.find(credentialsId, item);
                if (credentials == null) {
                    return FormValidation.error(Messages.WeblogVerifyStep_NoSuchCredentials(credentialsId));
                }
                WeblogCredentials.applyTo(credentials, settings);
            }
            List<Probe> probes;
            try {
                probes = settings.probe();
            } catch (ConfigException e) {
                return FormValidation.error(e.describe(FieldNames.of(e.setting())));
            }
            List<String> lines = new ArrayList<>();
            boolean allReadable = true;
            for (Probe probe : probes) {
                allReadable &= probe.readable();
                lines.add(probe.describe());
                probe.warnings().forEach(warning -> lines.add("warning: " + warning));
            }
            String text = String.join("\n", lines);
            return allReadable ? FormValidation.ok(text) : FormValidation.error(text);
        }

        private static FormValidation check(Item item, java.util.function.Supplier<FieldCheck> check) {
            return Forms.canConfigure(item) ? Forms.validation(check.get()) : FormValidation.ok();
        }
    }
}
