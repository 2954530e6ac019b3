// What the generated project's build must have produced, and published for a maven: source.
def project = new File(basedir, 'acme-greeter')
def target = new File(project, 'target')
def archive = new File(target, 'acme_greeter-1.0.0-SNAPSHOT-noarch.tar.gz')

['plugin.toml', 'host.toml', '.gitignore', 'src/main/java/com/example/acme/PluginEntry.java',
 'src/main/java/com/example/acme/WorkItemCounter.java', 'src/test/java/com/example/acme/PluginEntryTest.java'].each {
  assert new File(project, it).isFile() || new File(project, 'src/main/resources/' + it).isFile() : "generated $it"
}
def reports = new File(target, 'surefire-reports/TEST-com.example.acme.PluginEntryTest.xml')
assert reports.isFile() : 'PluginEntryTest ran'
assert reports.text.contains('tests="2"') && reports.text.contains('failures="0"') && reports.text.contains('errors="0"')

assert archive.isFile()
def sha = new File(target, archive.name + '.sha256').text.split(' ')[0]
assert sha == java.security.MessageDigest.getInstance('SHA-256').digest(archive.bytes).encodeHex().toString()
assert new File(target, archive.name + '.sig').isFile()
assert new File(target, archive.name + '.pub').text.contains('BEGIN PUBLIC KEY')
assert new File(project, 'plinth-signing-key.pem').isFile()
assert new File(target, 'plinth-preflight.json').text.contains('"ok":true')
def audit = new groovy.json.JsonSlurper().parse(new File(target, 'plinth-audit.json'))
assert audit.ok && audit.plugin == 'acme_greeter' && audit.profile == 'standard' : "audit report $audit"
assert audit.report.classesScanned >= 2 && audit.issues.isEmpty() : "audited the project's classes: $audit" 
assert new File(target, 'plinth-bundle/lib/acme-greeter-1.0.0-SNAPSHOT.jar').isFile()
assert !new File(target, 'plinth-bundle/lib').list().any { it.startsWith('plugin-api') } : 'plugin-api is provided by the host'

def repo = new File(localRepositoryPath, 'com/example/acme/acme-greeter/1.0.0-SNAPSHOT')
['acme-greeter-1.0.0-SNAPSHOT.tar.gz', 'acme-greeter-1.0.0-SNAPSHOT.tar.gz.sha256', 'acme-greeter-1.0.0-SNAPSHOT-plugin.toml',
 'acme-greeter-1.0.0-SNAPSHOT.tar.gz.sig', 'acme-greeter-1.0.0-SNAPSHOT.tar.gz.pub'].each {
  assert new File(repo, it).isFile() : "installed $it"
}
assert new File(repo, 'acme-greeter-1.0.0-SNAPSHOT.tar.gz').bytes == archive.bytes
return true
