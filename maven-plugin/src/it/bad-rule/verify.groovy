import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
def lines = log.readLines()
def error = lines.findIndexOf { it.contains("<rules> 'status=5xx mux=0': unknown field 'mux'; expected one of status, path") }
assert error >= 0 : 'no error naming <rules> and the rule'
assert lines[error].endsWith(' at column 12')
assert lines[error + 1] == '[ERROR]   status=5xx mux=0'
assert lines[error + 2] == '[ERROR]              ^'
assertLogContains(log, 'MojoExecutionException')
assertNoStackTrace(log)
for (report in ['weblog.json', 'TEST-weblog.xml', 'weblog.html']) {
    assert !new File(basedir, "target/weblog/${report}").exists() : "the earlier ${report} is still there"
}
