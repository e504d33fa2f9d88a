import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD FAILURE',
        '[ERROR] Failed to execute goal io.weblog:weblog-maven-plugin:',
        ': FAILED: 1 of 2 rules failed on 127.0.0.1:',
        '[ERROR]   status=5xx max=0: count 2 > max=0:',
        '  502 POST /checkout <- https://shop.example.com/cart',
        '  503 GET /api/stock',
        'MojoFailureException')
assertNoStackTrace(log)

def junit = validJunitReport(new File(basedir, 'target/weblog/TEST-weblog.xml'))
assert junit.contains('failures="1"')
