import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, '[INFO] Skipping the access log check (weblog.skip)', 'BUILD SUCCESS')
assert !new File(basedir, 'target/weblog').exists()
