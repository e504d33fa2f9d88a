import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'web/access.log', healthyLines())
write(basedir, 'api/access.log', healthyLines().subList(0, 4))
