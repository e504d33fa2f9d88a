import static io.weblog.maven.it.InvokerFixtures.*

def web1 = '127.0.0.1:' + context.get('weblog.servers.web1').port() + ':access.log'
def web2 = '127.0.0.1:' + context.get('weblog.servers.web2').port() + ':access.log'
stop(context)
def log = buildLog(basedir)
assertLogContains(log, "[INFO] ${web1}  PASSED", "[INFO] ${web2}  FAILED",
        ': FAILED: 1 of 2 rules failed on 1 of 2 sources',
        "[ERROR]   ${web2}: status=5xx max=0: count 2 > max=0:")
assertLogLacks(log, "${web1}: status=5xx")
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/weblog/weblog.json'))
assert json.sources*.outcome == ['PASSED', 'FAILED']
def junit = validJunitReport(new File(basedir, 'target/weblog/TEST-weblog.xml'))
assert junit.contains('127_0_0_1_' + context.get('weblog.servers.web1').port())
