import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'access.log', linesWithServerErrors())
// Rules hold spaces and commas, so each comes as a property of its own, numbered, not as a comma-separated list.
property(context, 'weblog.rule.1', 'status=500,502,503,504 max=1')
property(context, 'weblog.rule.2', 'traffic: min=5')
