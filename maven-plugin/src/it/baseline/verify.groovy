import static io.weblog.maven.it.InvokerFixtures.*

stop(context)
def log = buildLog(basedir)
assertLogContains(log, 'BUILD FAILURE',
        ': FAILED: 1 of 2 rules failed on 127.0.0.1:',
        '[ERROR]   errors: share 5% > 1.06% allowed (max=+0.5% over 0.56% before), significant: p',
        '(18 of 360 hits against 2 of 360 before)',
        'MojoFailureException')
assertNoStackTrace(log)

def json = new File(basedir, 'target/weblog/weblog.json').text
assert json.contains('"baseline": {"since": ') && json.contains('"significant": true')
assert validJunitReport(new File(basedir, 'target/weblog/TEST-weblog.xml')).contains('failures="1"')

// Every line read is accounted for once in the build log's summary: before the window (the baseline's among them), in
// it, after it, or malformed.
def lines = (log =~ /lines: +([\d,]+) read: ([\d,]+) before the window, ([\d,]+) in it, ([\d,]+) after it, ([\d,]+) malformed/)
assert lines.find() : 'no lines summary in the build log'
def counts = (1..5).collect { lines.group(it).replace(',', '') as long }
assert counts[2] == 360 && counts[1] >= 360 && counts[1] + counts[2] + counts[3] + counts[4] == counts[0]
