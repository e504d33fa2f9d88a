import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, '[INFO] weblog-user@127.0.0.1:', ': connected, ',
        'PASSED: 1 rule held over 10 hits on weblog-user@127.0.0.1:', 'BUILD SUCCESS')
assertLogLacks(log, 'weblog-test-Pw-2718')
