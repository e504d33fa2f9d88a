import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, '[WARNING] FAILED: 1 of 2 rules failed on 127.0.0.1:',
        '[WARNING]   status=5xx max=0: count 2 > max=0:',
        '[WARNING] The build goes on: failOnViolation is false',
        'BUILD SUCCESS')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/weblog/weblog.json'))
assert json.outcome == 'FAILED'
