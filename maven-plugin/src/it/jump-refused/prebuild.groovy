import static io.weblog.maven.it.InvokerFixtures.*

// weblog serve forwards no ports, so as a jump host it refuses to open the way to the next hop.
serve(basedir, context, 'web1', healthyLines())
