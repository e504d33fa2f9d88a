import static io.weblog.maven.it.InvokerFixtures.*

def log = buildLog(basedir)
assertLogContains(log, 'weblog:verify', 'BUILD SUCCESS')
def defaults = [allowEmpty: 'false', samples: '5', maxLineLength: '1MiB', parallelism: '16',
        acceptNewHostKey: 'false', insecureAcceptAnyHostKey: 'false', connectTimeout: '15s', sftp: 'false',
        groups: 'false', significance: '0.01', markTimeout: '30s', skip: 'false', failOnViolation: 'true', reportDirectory: '${project.build.directory}/weblog']
for (entry in defaults) {
    assertLogContains(log, "    ${entry.key} (Default: ${entry.value})")
}
def withProperty = ['hosts', 'log', 'files', 'format', 'rule', 'since', 'until', 'follow', 'stopOn', 'identities',
        'knownHosts', 'hostKey', 'jump', 'saveWindow', 'serverId', 'baseline', 'significance', 'mark'] + defaults.keySet()
for (name in withProperty) {
    assertLogContains(log, "User property: weblog.${name}\n")
}
// Rules hold commas, so the list has no property; one more rule comes with weblog.rule.
assertLogContains(log, '    rules\n')
