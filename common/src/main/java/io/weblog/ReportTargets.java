package io.weblog;

import java.nio.file.Path;

/**
 * Where to write the reports of a check; any of them may be {@code null}.
 *
 * @param json the JSON report
 * @param junit the JUnit XML report (one test case per rule and source)
 * @param html the self-contained HTML report
 */
public record ReportTargets(Path json, Path junit, Path html) {
    /** No reports. */
    public static final ReportTargets NONE = new ReportTargets(null, null, null);

    /** Whether any report is wanted. */
    public boolean any() {
        return json != null || junit != null || html != null;
    }
}
