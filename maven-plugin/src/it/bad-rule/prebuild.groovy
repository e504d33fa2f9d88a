import static io.weblog.maven.it.InvokerFixtures.*

write(basedir, 'access.log', [])
