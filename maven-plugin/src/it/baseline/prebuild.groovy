import static io.weblog.maven.it.InvokerFixtures.*
import java.time.OffsetDateTime
import java.time.ZoneOffset

def release = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusMinutes(30)
property(context, 'it.release', release.toInstant().toString())
serve(basedir, context, 'web1', aroundRelease(release, 18))
