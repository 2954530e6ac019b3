// A real Maven build prints the capability report, then stops at plinth:audit naming the call site.
def log = new File(basedir, 'build.log').text
assert log.contains('process (2 call sites)')
assert log.contains('com.acme.Spawner.spawn()Ljava/lang/Process; line 6 (lib/audit-fails-1.0.0.jar) calls java/lang/ProcessBuilder.start()Ljava/lang/Process;')
assert log.contains('[BUNDLE_AUDIT_FAILED] plugin code must stay within sandbox profile `strict`: 1 issue(s)')
assert log.contains('AUDIT_CAPABILITY_UNDECLARED plugin.permissions.capabilities must declare `process`')
assert log.contains('next step: Add "process" to plugin.permissions.capabilities')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plinth-audit.json'))
assert !report.ok && report.capabilities == ['process'] && report.issues[0].code == 'AUDIT_CAPABILITY_UNDECLARED'
assert report.report.uses.every { it.className == 'com.acme.Spawner' && it.line == 6 }
// audit runs before pack in the same phase: nothing was packed
assert !new File(basedir, 'target').list().any { it.endsWith('.tar.gz') }
return true
