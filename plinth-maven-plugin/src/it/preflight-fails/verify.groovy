// A real Maven build stops at plinth:preflight, listing every issue with its code and next step.
def log = new File(basedir, 'build.log').text
assert log.contains('[BUNDLE_PREFLIGHT_FAILED] plugin bundle must pass preflight: 2 issue(s)')
assert log.contains('MANIFEST_ID_INVALID plugin.id')
assert log.contains('HOST_VERSION_MISMATCH plugin.engine.host')
assert log.contains('next step:')
assert new File(basedir, 'target/plinth-preflight.json').text.contains('"ok":false')
// preflight runs before pack in the same phase: nothing was packed
assert !new File(basedir, 'target').list().any { it.endsWith('.tar.gz') }
return true
