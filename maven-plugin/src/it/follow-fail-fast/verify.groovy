import static io.weblog.maven.it.InvokerFixtures.*

def seconds = (System.nanoTime() - context.get('started')) / 1e9
stop(context)
def log = buildLog(basedir)
assertLogContains(log, ': following until ', "[ERROR] 127.0.0.1:",
        ": rule 'status=5xx max=0' failed at line ", '502 GET /checkout',
        'ended:  stopped early: a max rule was exceeded (fail-fast)', 'BUILD FAILURE')
// The window is 180 s; the build ended at the error, some 8 s after it began (plus Maven's start).
assert seconds < 90 : "the build took ${seconds} s"
