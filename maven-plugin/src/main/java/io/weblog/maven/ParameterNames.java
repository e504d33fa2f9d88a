package io.weblog.maven;

import io.weblog.Setting;

/** How this plugin's users know each setting of a check: as a parameter of the POM. */
final class ParameterNames {
    private ParameterNames() {
    }

    /** The parameter, as written in the POM, such as {@code <follow>}; its user property is {@code weblog.follow}. */
    static String of(Setting setting) {
        return switch (setting) {
            case FILE -> "<files>";
            case HOST -> "<hosts>";
            case USER -> "the <server>'s <username> in settings.xml";
            case LOG -> "<log>";
            case FORMAT -> "<format>";
            case SINCE -> "<since>";
            case UNTIL -> "<until>";
            case FOLLOW -> "<follow>";
            case STOP_ON -> "<stopOn>";
            case BASELINE -> "<baseline>";
            case SIGNIFICANCE -> "<significance>";
            case MARK -> "<mark>";
            case MARK_TIMEOUT -> "<markTimeout>";
            case RULE -> "<rules>";
            case SELECT -> "<select>";
            case SAMPLES -> "<samples>";
            case MAX_LINE_LENGTH -> "<maxLineLength>";
            case REPORT_JSON, REPORT_JUNIT, REPORT_HTML -> "<reportDirectory>";
            case PARALLELISM -> "<parallelism>";
            case IDENTITY -> "<identities> or the <server>'s <privateKey>";
            case PASSWORD -> "the <server>'s <password> in settings.xml";
            case PASSPHRASE -> "the <server>'s <passphrase> in settings.xml";
            case KNOWN_HOSTS -> "<knownHosts>";
            case HOST_KEY -> "<hostKey>";
            case HOST_KEY_POLICY -> "<acceptNewHostKey>/<insecureAcceptAnyHostKey>";
            case JUMP -> "<jump>";
            case CONNECT_TIMEOUT -> "<connectTimeout>";
            case SAVE_WINDOW -> "<saveWindow>";
        };
    }
}
