import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'access.log', linesWithServerErrors())
// A rule holds spaces and commas, so it comes as one property of its own, not a comma-separated list.
property(context, 'weblog.rule', 'status=500,502,503,504 max=1')
