import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'access.log', linesWithServerErrors())
// An earlier build passed and left its reports; neither of these builds may leave them saying PASSED.
writeEarlierReports(basedir, 'target/weblog')
