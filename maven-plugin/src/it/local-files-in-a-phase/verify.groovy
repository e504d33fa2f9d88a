import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assert log =~ /--- weblog:[^:]+:verify \(smoke\) @ local-files-in-a-phase ---/
assertLogContains(log, 'PASSED: all 3 rules held over 10 hits on ' + new File(basedir, 'logs/access.log').path,
        'BUILD SUCCESS')
assert new File(basedir, 'target/window.log').readLines().size() == 10
def reports = new File(basedir, 'target/weblog')
assert validJunitReport(new File(reports, 'TEST-weblog-smoke.xml')).contains('tests="4"')
assert new File(reports, 'weblog-smoke.json').isFile() && new File(reports, 'weblog-smoke.html').isFile()
