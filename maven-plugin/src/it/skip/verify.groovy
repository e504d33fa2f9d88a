import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, '[INFO] Skipping the access log check (weblog.skip)', 'BUILD SUCCESS')
for (report in ['weblog.json', 'TEST-weblog.xml', 'weblog.html']) {
    assert !new File(basedir, "target/weblog/${report}").exists() : "the earlier ${report} is still there"
}
