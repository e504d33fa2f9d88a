import static io.weblog.maven.it.InvokerFixtures.*

serve(basedir, context, 'web1', healthyLines())
serve(basedir, context, 'web2', linesWithServerErrors())
