// Loading CRDs: what is extracted per version, caching by content hash (memory and disk),
// error types, and the cost of a cold load/compile versus a warm validation.
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCrds } from '../../src/crd/compile.js';
import { CrdLoadError, CrdSourceError } from '../../src/crd/errors.js';
import { clearLoadCache, loadCrds, loadCrdText, type CrdText } from '../../src/crd/load.js';
import { readCrdSource } from '../../src/crd/sources.js';
import { cacheEntryName } from '../../src/crd/cache.js';
import { validateDocuments } from '../../src/crd/validate.js';
import { ctp, envoyProxy, gateway, GATEWAY_TARGET, gatewayConfig, SHARED_CRDS_DIR } from './helpers.js';
import { testCrdYaml } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'crd-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loading the shared CRDs', () => {
  const texts = readCrdSource(SHARED_CRDS_DIR);

  it('reads the directory in name order, YAML files only', () => {
    expect(texts.map((t) => t.name.split('/').pop())).toEqual([
      'aigateway.envoyproxy.io_gatewayconfigs.yaml',
      'gateway.envoyproxy.io_clienttrafficpolicies.yaml',
      'gateway.envoyproxy.io_envoyproxies.yaml',
      'gateway.networking.k8s.io_gatewayclasses.yaml',
      'gateway.networking.k8s.io_gateways.yaml',
    ]);
  });

  it('extracts group, kind, scope and versions (served, storage, deprecated, warning, subresources)', () => {
    const set = loadCrds(texts);
    const summary = set.crds.map((d) => ({
      kind: `${d.group}/${d.kind}`,
      scope: d.scope,
      versions: d.versions.map((v) => [v.name, v.served, v.storage, v.deprecated, v.deprecationWarning ?? null, v.subresources.status]),
    }));
    expect(summary).toEqual([
      {
        kind: 'aigateway.envoyproxy.io/GatewayConfig',
        scope: 'Namespaced',
        versions: [
          ['v1alpha1', true, false, true, 'aigateway.envoyproxy.io/v1alpha1 is deprecated; use aigateway.envoyproxy.io/v1beta1 instead', true],
          ['v1beta1', true, true, false, null, true],
        ],
      },
      { kind: 'gateway.envoyproxy.io/ClientTrafficPolicy', scope: 'Namespaced', versions: [['v1alpha1', true, true, false, null, true]] },
      { kind: 'gateway.envoyproxy.io/EnvoyProxy', scope: 'Namespaced', versions: [['v1alpha1', true, true, false, null, true]] },
      {
        kind: 'gateway.networking.k8s.io/GatewayClass',
        scope: 'Cluster',
        versions: [
          ['v1', true, true, false, null, true],
          ['v1beta1', true, false, false, null, true],
        ],
      },
      {
        kind: 'gateway.networking.k8s.io/Gateway',
        scope: 'Namespaced',
        versions: [
          ['v1', true, true, false, null, true],
          ['v1beta1', true, false, false, null, true],
        ],
      },
    ]);
  });

  it('keys each CRD by the sha256 of its text (matching shared/crds/README.md)', () => {
    const set = loadCrds(texts);
    const bySource = Object.fromEntries(set.crds.map((d) => [d.source.split('/').pop(), d.sha256]));
    expect(bySource['gateway.envoyproxy.io_envoyproxies.yaml']).toBe('7712b158a59d11c4a28dc976655bb981ad4eb42312ff2c85a7e0b42ef6d465c2');
    expect(bySource['gateway.networking.k8s.io_gateways.yaml']).toBe('25b885f5870b8fff1ae82efa2628b2761cef3745900c2aecf8fb76629a01255a');
  });

  it('returns the cached definitions for the same text (in memory)', () => {
    const ep = texts.find((t) => t.name.endsWith('envoyproxies.yaml'))!;
    expect(loadCrdText(ep)).toBe(loadCrdText({ name: 'other-name.yaml', text: ep.text }));
  });

  it('round-trips through the on-disk cache', () => {
    const ep = texts.find((t) => t.name.endsWith('envoyproxies.yaml'))!;
    clearLoadCache();
    const parsed = loadCrdText(ep, { cacheDir: tmp });
    expect(readdirSync(tmp).filter((f) => f.startsWith('crd-'))).toEqual([cacheEntryName(parsed[0]!.sha256)]);
    clearLoadCache();
    const t0 = performance.now();
    const fromDisk = loadCrdText(ep, { cacheDir: tmp });
    const diskMs = performance.now() - t0;
    expect(fromDisk).not.toBe(parsed);
    expect(fromDisk).toEqual(parsed);
    console.log(`EnvoyProxy CRD from disk cache: ${diskMs.toFixed(0)} ms`);
  });
});

describe('load errors', () => {
  it('throws CrdLoadError for invalid YAML, unsupported CRD versions and duplicate kinds', () => {
    expect(() => loadCrds([{ name: 'bad.yaml', text: 'a: [' }])).toThrow(CrdLoadError);
    expect(() => loadCrds([{ name: 'old.yaml', text: 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nspec: {}\n' }])).toThrow(
      /only apiextensions.k8s.io\/v1 is supported/,
    );
    const a = testCrdYaml({ type: 'object' });
    const b = testCrdYaml({ type: 'object', properties: { x: { type: 'string' } } });
    expect(() => loadCrds([{ name: 'a.yaml', text: a }, { name: 'b.yaml', text: b }])).toThrow(/defined twice/);
    expect(loadCrds([{ name: 'a.yaml', text: a }, { name: 'a-again.yaml', text: a }]).crds).toHaveLength(1);
  });
  it('ignores non-CRD documents in a CRD file', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${testCrdYaml({ type: 'object' })}`;
    expect(loadCrds([{ name: 'mixed.yaml', text }]).crds.map((d) => d.kind)).toEqual(['Widget']);
  });
  it('throws CrdSourceError for a missing path', () => {
    expect(() => readCrdSource('/nonexistent/crds')).toThrow(CrdSourceError);
  });
});

describe('cost', () => {
  it('measures cold load + compile and warm validation', () => {
    clearLoadCache();
    const t0 = performance.now();
    const set = loadCrds(readCrdSource(SHARED_CRDS_DIR));
    const t1 = performance.now();
    const summaries = compileCrds(set);
    const t2 = performance.now();
    const docs = [
      gateway({ gatewayClassName: 'ai-gateway', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }),
      envoyProxy({ provider: { type: 'Kubernetes', kubernetes: { envoyDeployment: { replicas: 2 }, envoyService: { type: 'LoadBalancer' } } } }),
      ctp({ targetRefs: [GATEWAY_TARGET], connection: { bufferLimit: '50Mi' }, tls: { minVersion: '1.2', maxVersion: '1.3' } }),
      gatewayConfig({ extProc: { kubernetes: { env: [{ name: 'A', value: 'b' }] } } }),
    ];
    const first = validateDocuments(set, docs);
    const t3 = performance.now();
    const runs = 20;
    for (let i = 0; i < runs; i++) validateDocuments(set, docs);
    const warm = (performance.now() - t3) / runs;
    expect(first.issues).toEqual([]);
    expect(summaries.every((s) => s.failures.length === 0)).toBe(true);
    console.log(
      `cold load (YAML parse + normalize, 5 CRDs, 1.8 MB): ${(t1 - t0).toFixed(0)} ms; ` +
        `compile all ${summaries.reduce((n, s) => n + s.total, 0)} rules: ${(t2 - t1).toFixed(0)} ms; ` +
        `first validate: ${(t3 - t2).toFixed(1)} ms; warm validate of 4 documents: ${warm.toFixed(2)} ms`,
    );
    expect(t1 - t0).toBeLessThan(10_000);
    expect(warm).toBeLessThan(100);
  });
});

describe('the warm cache finds unchanged files by their stamp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crd-stamp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const shared = () => readCrdSource(SHARED_CRDS_DIR).find((t) => t.name.endsWith('gatewayclasses.yaml'))!;
  /** The same file, but reading its text fails the test. */
  const unreadable = (t: CrdText): CrdText => ({
    name: t.name,
    stamp: t.stamp!,
    get text(): string {
      throw new Error(`${t.name} was read`);
    },
  });

  it('stamps a file whose ctime is old enough, then neither reads nor hashes it', () => {
    const cache = join(dir, 'old');
    clearLoadCache();
    const first = loadCrdText(shared(), { cacheDir: cache });
    expect(readdirSync(cache).filter((f) => f.startsWith('file-'))).toHaveLength(1);
    clearLoadCache();
    expect(loadCrdText(unreadable(shared()), { cacheDir: cache })).toEqual(first);
  });

  it('reads a file again when its stamp changed, and does not stamp a file changed just now', () => {
    const cache = join(dir, 'changed');
    const file = join(dir, 'widget.yaml');
    writeFileSync(file, testCrdYaml({ type: 'object', properties: { a: { type: 'string' } } }));
    clearLoadCache();
    const [t1] = readCrdSource(file);
    expect(loadCrdText(t1!, { cacheDir: cache })[0]!.versions[0]!.schema.properties!['spec']!.properties).toHaveProperty('a');
    // Changed within the racy window: no stamp, so the next run reads the file.
    expect(readdirSync(cache).filter((f) => f.startsWith('file-'))).toEqual([]);
    // Same size, same mtime: the ctime (and so the stamp) moves, and the new text is read.
    const { mtime } = statSync(file);
    writeFileSync(file, testCrdYaml({ type: 'object', properties: { b: { type: 'string' } } }));
    utimesSync(file, mtime, mtime);
    clearLoadCache();
    const [t2] = readCrdSource(file);
    expect(t2!.stamp!.key).not.toBe(t1!.stamp!.key);
    expect(loadCrdText(t2!, { cacheDir: cache })[0]!.versions[0]!.schema.properties!['spec']!.properties).toHaveProperty('b');
  });

  it('ignores a stamp recorded for another version of the file', () => {
    const cache = join(dir, 'other');
    clearLoadCache();
    loadCrdText(shared(), { cacheDir: cache });
    clearLoadCache();
    const t = shared();
    const moved = { ...t.stamp!, key: `${t.stamp!.key}x` };
    expect(() => loadCrdText(unreadable({ ...t, name: t.name, stamp: moved } as CrdText), { cacheDir: cache })).toThrow(/was read/);
  });
});

describe('the warm cache keeps every rule parsed', () => {
  it('validates the same from a warm disk cache as from the CRD text', () => {
    const cache = mkdtempSync(join(tmpdir(), 'crd-warm-'));
    try {
      const docs = [
        gateway({ gatewayClassName: 'ai-gateway', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }, { name: 'http', protocol: 'HTTPS', port: 80 }] }),
        envoyProxy({ provider: { type: 'Kubernetes', kubernetes: { envoyDeployment: { replicas: 2 }, envoyService: { type: 'LoadBalancer' } } } }),
        ctp({ targetRefs: [GATEWAY_TARGET], connection: { bufferLimit: '50MB' }, tls: { minVersion: '1.3', ciphers: ['x'] } }),
      ];
      clearLoadCache();
      const cold = validateDocuments(loadCrds(readCrdSource(SHARED_CRDS_DIR), { cacheDir: cache }), docs);
      clearLoadCache();
      const warm = validateDocuments(loadCrds(readCrdSource(SHARED_CRDS_DIR), { cacheDir: cache }), docs);
      clearLoadCache();
      const none = validateDocuments(loadCrds(readCrdSource(SHARED_CRDS_DIR)), docs);
      expect(cold.issues.length).toBeGreaterThan(0);
      expect(warm).toEqual(none);
      expect(cold).toEqual(none);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
