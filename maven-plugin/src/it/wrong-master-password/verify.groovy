import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, "cannot decrypt the <password> of <server> 'web' in settings.xml: the master password in "
        + new File(basedir, 'settings-security.xml').path + ' is not the one it was encrypted with',
        'MojoExecutionException')  // an error, not a failed rule: Maven names the exception in its pointer to help
assertNoStackTrace(log)
assertLogLacks(log, 'connected', 'PlexusCipherException', 'NegativeArraySizeException', 'BadPaddingException')
