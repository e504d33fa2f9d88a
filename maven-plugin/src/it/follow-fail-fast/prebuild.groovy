import static io.weblog.maven.it.InvokerFixtures.*
import java.time.Duration

serve(basedir, context, 'web1', healthyLines())
// While the build follows the log for three minutes, healthy hits arrive, then a server error some 5 s after it began
// to follow.
appendLater(context, 'web1', Duration.ofSeconds(1), Duration.ofMillis(500), [200, 200, 301, 200, 200, 200, 200, 200, 502, 200])
context.put('started', System.nanoTime())
