import static io.weblog.maven.it.InvokerFixtures.*

// OpenSSH's sshd must run as root; skipped elsewhere, except under CI=true, where this throws and the case fails.
return openSshAvailable()
