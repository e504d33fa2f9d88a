import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, "cannot decrypt the secrets of <server> 'web' in settings.xml: ",
        'MojoExecutionException')  // an error, not a failed rule: Maven names the exception in its pointer to help
assertNoStackTrace(log)
assertLogLacks(log, 'connected')
