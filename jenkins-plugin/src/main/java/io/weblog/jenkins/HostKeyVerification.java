package io.weblog.jenkins;

import hudson.model.Describable;
import io.weblog.CheckSettings;

/**
 * How the host keys of the web servers are checked, chosen in a dropdown as SSH Build Agents chooses it: against a
 * known_hosts file, against keys given here, trusting a new host on first sight, or not at all. Each kind only says
 * which of the engine's settings it sets.
 */
public abstract class HostKeyVerification implements Describable<HostKeyVerification> {

    /** Puts this way of checking host keys into a check's settings. */
    abstract void applyTo(CheckSettings settings);

    /**
     * Whether this way may be used on the controller, where a check runs outside {@code node}: only if it reads no file
     * the job chose and writes none, so that configuring a job gives no access to the controller's files.
     */
    abstract boolean safeOnTheController();

    /** The default: the known_hosts file of the user the check runs as. */
    static HostKeyVerification byDefault() {
        return new KnownHostsFileVerification("");
    }
}
