import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'access.log', [])
// An earlier build passed and left its reports; this one is refused, and must not leave them saying PASSED.
writeEarlierReports(basedir, 'target/weblog')
