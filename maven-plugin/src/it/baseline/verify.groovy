import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD FAILURE',
        ': FAILED: 1 of 2 rules failed on 127.0.0.1:',
        '[ERROR]   errors: share 5% > 1.06% allowed (max=+0.5% over 0.56% before), significant: p',
        '(18 of 360 hits against 2 of 360 before)',
        'MojoFailureException')
assertNoStackTrace(log)

def json = new File(basedir, 'target/weblog/weblog.json').text
assert json.contains('"baseline": {"since": ') && json.contains('"significant": true')
assert validJunitReport(new File(basedir, 'target/weblog/TEST-weblog.xml')).contains('failures="1"')
