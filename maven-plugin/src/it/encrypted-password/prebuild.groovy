import static io.weblog.maven.it.InvokerFixtures.*

sshd(basedir, context, healthyLines())
property(context, 'settings.security', new File(basedir, 'settings-security.xml').path)
