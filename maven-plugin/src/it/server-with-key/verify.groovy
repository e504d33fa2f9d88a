import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, '[INFO] deploy@127.0.0.1:', ': connected, ',
        'PASSED: 1 rule held over 10 hits on deploy@127.0.0.1:')
assertLogLacks(log, 'correct horse battery staple')
