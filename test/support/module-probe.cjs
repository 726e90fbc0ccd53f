// Preloaded (node --require) into a CLI run by test/cli/cold-start.test.ts: at exit, writes the
// Node built-in modules the process loaded (process.moduleLoadList) to AGC_TEST_MODULES_FILE.
'use strict';
const file = process.env.AGC_TEST_MODULES_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, JSON.stringify(process.moduleLoadList));
  });
}
