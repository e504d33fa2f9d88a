import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, 'PASSED: 1 rule held over 10 hits on ' + new File(basedir, 'web/access.log').path,
        'PASSED: 1 rule held over 4 hits on ' + new File(basedir, 'api/access.log').path, 'BUILD SUCCESS')
for (module in ['web', 'api']) {
    assert new File(basedir, "${module}/target/weblog/TEST-weblog.xml").isFile() : "no report for ${module}"
}
