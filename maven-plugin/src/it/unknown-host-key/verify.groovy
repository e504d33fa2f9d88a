import static io.weblog.maven.it.InvokerFixtures.*

def fingerprint = context.get('weblog.servers.web1').hostKeyFingerprint()
stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD FAILURE', '[ERROR] Failed to execute goal io.weblog:weblog-maven-plugin:',
        'is not known: ', 'it presented ssh-ed25519 ' + fingerprint, 'MojoExecutionException')
assertNoStackTrace(log)
assert new File(basedir, 'empty_known_hosts').text.isEmpty()
