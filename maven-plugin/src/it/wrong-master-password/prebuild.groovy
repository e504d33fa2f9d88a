import static io.weblog.maven.it.InvokerFixtures.*

property(context, 'settings.security', new File(basedir, 'settings-security.xml').path)
