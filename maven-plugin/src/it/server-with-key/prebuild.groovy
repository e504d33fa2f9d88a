import static io.weblog.maven.it.InvokerFixtures.*

serve(basedir, context, 'web1', healthyLines())
allowEncryptedKey(basedir, context, 'web1', 'correct horse battery staple')
