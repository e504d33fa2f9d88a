import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'logs/access.log', healthyLines())
