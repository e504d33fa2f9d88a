package io.weblog.jenkins;

import io.weblog.Setting;

/** How this plugin's users know each setting of a check: as the form field and pipeline parameter that sets it. */
final class FieldNames {
    private FieldNames() {
    }

    /** The field's title and its pipeline parameter, such as {@code Rules (rules)}. */
    static String of(Setting setting) {
        return switch (setting) {
            case FILE -> "Files in the workspace (files)";
            case HOST, USER -> "Hosts (hosts)";
            case LOG -> "Log on the hosts (log)";
            case FORMAT -> "Format (format)";
            case SINCE -> "Since (since)";
            case UNTIL -> "Until (until)";
            case FOLLOW -> "Follow for (follow)";
            case STOP_ON -> "Stop on (stopOn)";
            case BASELINE -> "Baseline (baseline)";
            case SIGNIFICANCE -> "Significance (significance)";
            case MARK -> "Mark URL (mark)";
            case MARK_TIMEOUT -> "Mark timeout (markTimeout)";
            case RULE -> "Rules (rules)";
            case ALLOW_EMPTY -> "Pass with no hits in the window (allowEmpty)";
            case GROUPS -> "Show the hits of every rule by path (groups)";
            case SELECT -> "Select (select)";
            case SAMPLES -> "Samples (samples)";
            case MAX_LINE_LENGTH -> "Longest line (maxLineLength)";
            case REPORT_JSON, REPORT_JUNIT, REPORT_HTML, SAVE_WINDOW -> "Reports directory (reports)";
            case PARALLELISM -> "Logs read at once (parallelism)";
            case IDENTITY, PASSWORD, PASSPHRASE -> "Credentials (credentialsId)";
            case KNOWN_HOSTS, HOST_KEY, HOST_KEY_POLICY, ACCEPT_NEW_HOST_KEY, INSECURE_ACCEPT_ANY_HOST_KEY ->
                    "Host key verification (hostKeyVerification)";
            case JUMP -> "Jump hosts (jump)";
            case CONNECT_TIMEOUT -> "Connect timeout (connectTimeout)";
            case SFTP -> "Read over SFTP (sftp)";
        };
    }
}
