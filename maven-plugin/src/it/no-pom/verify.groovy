import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, 'Building Maven Stub Project (No POM)',
        'FAILED: 1 of 2 rules failed on ' + new File(basedir, 'access.log').path,
        'status=500,502,503,504 max=1: count 2 > max=1',
        '-Dweblog.rules is not read: a rule holds commas itself, so rules have no comma-separated property; give several rules as -Dweblog.rule.1=',
        '-Dweblog.rule is given 2 times, and Maven keeps only the last of them; give several rules as -Dweblog.rule.1=')
assertNoStackTrace(log)
// The first build's reports were there, and each refused build after it removed them: none says FAILED for it.
assertLogContains(log, 'Wrote ' + new File(basedir, 'target/weblog/TEST-weblog.xml').path)
for (report in ['weblog.json', 'TEST-weblog.xml', 'weblog.html']) {
    assert !new File(basedir, "target/weblog/${report}").exists() : "the earlier ${report} is still there"
}
