package io.weblog.source.ssh;

/** How far a check trusts the host keys that servers present. */
public enum HostKeyPolicy {
    /** Only keys in known_hosts (or pinned): an unknown or changed key fails the check, as {@code StrictHostKeyChecking=yes}. */
    STRICT,
    /** A host not in known_hosts is trusted on first sight and recorded; a changed key still fails ({@code accept-new}). */
    ACCEPT_NEW,
    /** Any key is accepted, with a loud warning on every run: for throw-away test machines only. */
    INSECURE_ACCEPT_ANY
}
