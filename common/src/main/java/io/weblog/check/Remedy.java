package io.weblog.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What a person can change to get past a check that could not look, or that saw nothing: decided here, once, from
 * the verdict; each front door says it in its own terms (the CLI's flags, Maven's parameters and settings.xml,
 * Jenkins' fields), since only it knows how its users give a setting.
 */
public enum Remedy {
    /**
     * A host presented a key that known_hosts does not hold: check its fingerprint with the host's owner, then record
     * it in known_hosts (or let the check record a new host's key on first sight), or pin it.
     */
    TRUST_THE_HOST_KEY,
    /** There was no key or password to log in with: give a key or a password. */
    GIVE_CREDENTIALS,
    /** A window held no hits, which fails the check: look at a longer or a busier window, or allow an empty one. */
    ALLOW_AN_EMPTY_WINDOW;

    /**
     * The remedies for a verdict, each once, in the order of the sources that call for them: a source's error that one
     * of them fixes, and a window without hits when that was not allowed. Empty when the verdict passed, or failed or
     * erred for reasons no setting changes (a rule that did not hold, a log that could not be read).
     */
    public static List<Remedy> of(Verdict verdict) {
        List<Remedy> remedies = new ArrayList<>();
        for (SourceVerdict source : verdict.sources()) {
            Remedy remedy = source.remedy() != null ? source.remedy()
                    : source.isEmptyWindow() && !verdict.emptyAllowed() ? ALLOW_AN_EMPTY_WINDOW : null;
            if (remedy != null && !remedies.contains(remedy)) {
                remedies.add(remedy);
            }
        }
        return List.copyOf(remedies);
    }
}
