import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, ': connected, reading with weblog serve; host key ssh-ed25519 SHA256:',
        '[INFO] PASSED: all 2 rules held over 10 hits on 127.0.0.1:', 'BUILD SUCCESS')
// The SSH library's start-up chatter stays out of the build log.
assertLogLacks(log, 'IoServiceFactoryFactory', 'getOrCreateProvider')

def reports = new File(basedir, 'target/weblog')
def junit = validJunitReport(new File(reports, 'TEST-weblog.xml'))
assert junit.contains('tests="3"') && junit.contains('failures="0"')
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'weblog.json'))
assert json.outcome == 'PASSED'
assert json.rules*.count == [0, 4]
assert new File(reports, 'weblog.html').text.contains('<svg')
