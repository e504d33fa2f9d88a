import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, 'Building Maven Stub Project (No POM)',
        'FAILED: 1 of 1 rule failed on ' + new File(basedir, 'access.log').path,
        'status=500,502,503,504 max=1: count 2 > max=1')
def reports = new File(basedir, 'target/weblog')
assert validJunitReport(new File(reports, 'TEST-weblog.xml')).contains('failures="1"')
assert new File(reports, 'weblog.json').isFile() && new File(reports, 'weblog.html').isFile()
