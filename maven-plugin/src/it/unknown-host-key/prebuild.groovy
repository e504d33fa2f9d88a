import static io.weblog.maven.it.InvokerFixtures.*

serve(basedir, context, 'web1', healthyLines())
write(basedir, 'empty_known_hosts', [])
