import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD SUCCESS', ': mark sent: GET http://127.0.0.1:', '/health?weblog-mark=',
        ': the window starts at the mark, line ', ': end mark sent: GET ', ': the window ended at the end mark, line ')
def json = new File(basedir, 'target/weblog/weblog.json').text
assert json.contains('"startMarkLine": ') && json.contains('"endMarkLine": ')
