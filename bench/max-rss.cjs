// Preloaded (node --require) into a measured command: at exit, writes the process's peak resident
// set size in KiB to the file named by AGC_BENCH_RSS_FILE. Costs nothing until exit.
'use strict';
const file = process.env.AGC_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
