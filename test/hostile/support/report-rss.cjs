// Preloaded (node --require) into the CLI's process by the hostile tests: when the process exits,
// for any reason but a crash, it writes its peak resident set size in KiB to file descriptor 3.
'use strict';
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: the CLI was started without the measuring harness
  }
});
