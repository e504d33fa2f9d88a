import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
def describeStarts = log.indexOf('--- help:3.5.2:describe')
assert describeStarts > 0 : 'help:describe did not run'
def help = log.substring(0, describeStarts)
def describe = log.substring(describeStarts)
assertLogContains(help, 'weblog:verify', 'BUILD SUCCESS')
assertLogContains(describe, 'BUILD SUCCESS')
def defaults = [allowEmpty: 'false', samples: '5', maxLineLength: '1MiB', parallelism: '16',
        acceptNewHostKey: 'false', insecureAcceptAnyHostKey: 'false', connectTimeout: '15s', sftp: 'false',
        groups: 'false', significance: '0.01', markTimeout: '30s', skip: 'false', failOnViolation: 'true', reportDirectory: '${project.build.directory}/weblog']
for (entry in defaults) {
    assertLogContains(help, "    ${entry.key} (Default: ${entry.value})")
}
def withProperty = ['hosts', 'log', 'files', 'format', 'rule', 'since', 'until', 'follow', 'stopOn', 'identities',
        'knownHosts', 'hostKey', 'jump', 'saveWindow', 'serverId', 'baseline', 'significance', 'mark'] + defaults.keySet()
for (name in withProperty) {
    assertLogContains(help, "User property: weblog.${name}\n")
}
// Rules hold commas, so the list has no property; more rules come with weblog.rule and weblog.rule.1, .2, ...
assertLogContains(help, '    rules\n')

// Both renderings of the docs, with their lines joined: text a user reads as it was written.
for (output in [help, describe]) {
    def text = output.readLines().collect { it.replaceFirst(/^\[INFO\]/, '').strip() }.join(' ').replaceAll(/\s+/, ' ')
    assertLogContains(text,
            'In the URL, {host} stands for each host, as in http://{host}/health.',
            'The id of the server in settings.xml that holds the SSH credentials: its username (for hosts given without user@), password',
            'The rules, one per rule element, such as status=5xx max=0 or broken-links: status=404 referrer^=https://shop.example.com/ max=0.',
            'or several with -Dweblog.rule.1=... -Dweblog.rule.2=... and so on.',
            'max=+0.5% (at most half a point more of the hits than before), max=2x, p95<=1.5x.')
    assertLogLacks(text, '{host/health}', 'The in settings.xml', 'one per , such as', '&lt;', '&gt;')
}
