import static io.weblog.maven.it.InvokerFixtures.*

serve(basedir, context, 'web1', linesWithServerErrors())
web(context, 'web1')
