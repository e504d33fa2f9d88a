import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
def lines = log.readLines()
def samples = lines.findIndexOf { it.contains("-Dweblog.samples 'abc': expected a whole number of samples from 0 to 10000 at column 1") }
assert samples >= 0 : 'no error naming -Dweblog.samples'
assert lines[samples + 1] == '[ERROR]   abc'
assert lines[samples + 2] == '[ERROR]   ^'
assertLogContains(log, "-Dweblog.failOnViolation 'ture': expected true or false")
assertLogLacks(log, "Cannot convert 'abc' to int", 'BUILD SUCCESS', 'PASSED')
assertNoStackTrace(log)
for (report in ['weblog.json', 'TEST-weblog.xml', 'weblog.html']) {
    assert !new File(basedir, "target/weblog/${report}").exists() : "the earlier ${report} is still there"
}
