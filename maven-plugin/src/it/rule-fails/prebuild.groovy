import static io.weblog.maven.it.InvokerFixtures.*

serve(basedir, context, 'web1', linesWithServerErrors())
