// `ai-gateway-core check`: the core and the models release checked as one deployment before the
// cluster sees them: routes that cannot attach, references that resolve to nothing, timeouts and
// limits that disagree across the two charts. Reports, exit codes and colours are validate's.
import { Option, type Command } from 'commander';
import { check, type CheckSideInput, type CrdChecker } from '../../check/check.js';
import { UsageError } from '../../errors.js';
import { InputBudget, readValuesFiles, setFileReader } from '../../output/read-input.js';
import { defaultCacheDir } from '../../validate/cache-dir.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../validate/format.js';
import { addSetFlags, collect, type Io } from '../shared.js';
import { printReport } from './validate.js';

// The CRD validator (and its CEL runtime) loads only for --crds.
const crdCheck = () => import('../../validate/validate.js');
const crdLoad = () => import('../../validate/manifests.js');

const SIDES = ['core', 'models'] as const;
type Side = (typeof SIDES)[number];

type SideFlags = { [K in `${Side}` | `${Side}Set` | `${Side}SetString` | `${Side}SetJson` | `${Side}SetFile` | `${Side}SetLiteral`]?: string[] };

interface CheckFlags extends SideFlags {
  namespace: string;
  coreNamespace?: string;
  modelsNamespace?: string;
  coreRelease?: string;
  modelsRelease?: string;
  crds?: string[];
  output: OutputFormat;
  strict?: boolean;
  cache: boolean;
  color: 'auto' | 'always' | 'never';
}

const camel = (s: string): string => s.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

export function registerCheck(program: Command, io: Io): void {
  const cmd = program
    .command('check')
    .description('Check the core and the models release as one deployment: routes that cannot attach, references to nothing, timeouts and limits that disagree across the two charts, and everything validate reports for each.')
    .option('--core <file>', 'values file of the core chart (repeatable; later files win; - reads standard input)', collect)
    .option('--models <file>', 'values file of the models chart (repeatable; later files win; - reads standard input)', collect);
  // helm's value flags, per release: `--core-set`, `--models-set-json`… (the file flag is `--core`/`--models`).
  for (const side of SIDES) addSetFlags(cmd, side, (_name, help) => `${side} chart: ${help}`);
  cmd
    .option('-n, --namespace <namespace>', 'namespace of both releases', 'default')
    .option('--core-namespace <namespace>', 'namespace of the core release (default: --namespace)')
    .option('--models-namespace <namespace>', 'namespace of the models release (default: --namespace)')
    .option('--core-release <name>', 'release name of the core chart (default: release-name)')
    .option('--models-release <name>', 'release name of the models chart (default: release-name)')
    .option('--crds <path>', 'CRDs to check every rendered document of both charts against: a file, a directory of *.yaml/*.json, or - (repeatable)', collect)
    .addOption(new Option('-o, --output <format>', 'text for people; json, junit or sarif for tools and CI').choices(OUTPUT_FORMATS).default('text'))
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--no-cache', 'do not read or write the cache of parsed CRDs')
    .addOption(new Option('--color <when>', 'colour the text report').choices(['auto', 'always', 'never']).default('auto'))
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core check --core core.yaml --models models.yaml -n ai-gateway
  $ ai-gateway-core check --core core.yaml --models models.yaml --core-namespace gateway --models-namespace ai-models
  $ ai-gateway-core check --core core.yaml --models models.yaml --crds crds/ -o sarif > check.sarif

Errors (exit 1): a route that cannot attach to the core Gateway, a reference that resolves to nothing,
two objects with one name. Warnings (exit 0, 1 with --strict): timeouts, body limits, rate limits and
plain HTTP that break requests at run time. Exit 2: usage or I/O errors.`,
    )
    .action(async (opts: CheckFlags) => {
      const stdinUsers = [...(opts.core ?? []), ...(opts.models ?? []), ...(opts.crds ?? [])].filter((p) => p === '-').length;
      if (stdinUsers > 1) throw new UsageError('only one of --core, --models and --crds can read standard input (-)');
      // One byte budget for everything the values of the run are read from (MAX_INPUT_BYTES).
      const budget = new InputBudget();
      const input = (side: Side): CheckSideInput => {
        const flag = (name: string): string[] | undefined => opts[camel(`${side}-${name}`) as keyof SideFlags];
        return {
          valuesFiles: readValuesFiles(opts[side] ?? [], budget),
          readFile: setFileReader(budget),
          set: flag('set'),
          setString: flag('set-string'),
          setJson: flag('set-json'),
          setFile: flag('set-file'),
          setLiteral: flag('set-literal'),
          namespace: (side === 'core' ? opts.coreNamespace : opts.modelsNamespace) ?? opts.namespace,
          releaseName: side === 'core' ? opts.coreRelease : opts.modelsRelease,
        };
      };
      let crdChecker: CrdChecker | undefined;
      if (opts.crds) {
        const [{ attachCrdFindings }, { loadCrdPaths, checkManifests }] = await Promise.all([crdCheck(), crdLoad()]);
        crdChecker = { attachCrdFindings, loadCrdPaths, checkManifests: (crds, docs) => checkManifests(crds, docs) };
      }
      const report = check({ core: input('core'), models: input('models'), crds: opts.crds, cacheDir: opts.cache ? defaultCacheDir() : undefined, crdChecker });
      printReport(io, report, opts, 'the core and models releases', 'check');
    });
}
