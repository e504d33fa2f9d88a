import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'through the jump host (it could not reach it, it refused to forward the connection',
        'MojoExecutionException')
assertLogLacks(log, 'exceptionCaught', 'SshChannelOpenException', 'NullPointerException', 'Nio2Session')
assertNoStackTrace(log)
