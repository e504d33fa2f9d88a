import static io.weblog.maven.it.InvokerFixtures.*
import java.time.Duration

serve(basedir, context, 'web1', healthyLines())
// While the build follows the log for three minutes, healthy hits arrive, then a server error at about 8 s.
appendLater(context, 'web1', Duration.ofSeconds(4), Duration.ofMillis(500), [200, 200, 301, 200, 200, 200, 200, 200, 502, 200])
context.put('started', System.nanoTime())
