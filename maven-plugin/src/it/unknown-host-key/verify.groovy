import static io.weblog.maven.it.InvokerFixtures.*

def fingerprint = context.get('weblog.servers.web1').hostKeyFingerprint()
stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD FAILURE', '[ERROR] Failed to execute goal io.weblog:weblog-maven-plugin:',
        'is not known: ', 'it presented ssh-ed25519 ' + fingerprint, 'MojoExecutionException',
        '[ERROR] To trust the host, check its fingerprint with its owner, then add its key to empty_known_hosts '
                + '(ssh-keyscan), pin it with <hostKey> (-Dweblog.hostKey), or let this build record it with '
                + '-Dweblog.acceptNewHostKey=true')
// The error is said once: in the build's failure message, not also as it happened or in a table.
assert log.count('is not known: ') == 1 : 'the error is said ' + log.count('is not known: ') + ' times'
assertNoStackTrace(log)
assert new File(basedir, 'empty_known_hosts').text.isEmpty()
