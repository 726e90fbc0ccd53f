// A models catalog of any size, shaped like the public chart's (8 upstream backends: two accounts
// each of four providers; every model on two of them at priorities 0 and 1, with a request limit
// and a daily token limit), written as people write values files: block YAML.

const BACKENDS = [
  ['fireworks-01', 'OpenAI', 'api.fireworks.ai', '/inference/v1'],
  ['fireworks-02', 'OpenAI', 'api.fireworks.ai', '/inference/v1'],
  ['openai-01', 'OpenAI', 'api.openai.com', '/v1'],
  ['openai-02', 'OpenAI', 'api.openai.com', '/v1'],
  ['vertex-01', 'GCPVertexAI', 'us-central1-aiplatform.googleapis.com', ''],
  ['vertex-02', 'GCPVertexAI', 'europe-west4-aiplatform.googleapis.com', ''],
  ['studio-01', 'OpenAI', 'generativelanguage.googleapis.com', '/v1beta/openai'],
  ['studio-02', 'OpenAI', 'generativelanguage.googleapis.com', '/v1beta/openai'],
];

function backend([key, schema, hostname, prefix]) {
  const lines = [`  ${key}:`, `    schema: ${schema}`, `    hostname: ${hostname}`, '    port: 443'];
  if (prefix) lines.push(`    prefix: ${prefix}`);
  if (schema === 'GCPVertexAI') {
    lines.push('    auth:', '      type: GCPCredentials', '      gcpCredentials:', `        projectName: ai-${key}`, `        region: ${hostname.split('-aiplatform')[0]}`, '        credentialsFile:', '          secretRef:', `            name: ${key}-sa`);
  } else {
    lines.push('    auth:', '      type: APIKey', `      secretName: ${key}-api-key`);
  }
  return lines.join('\n');
}

export function modelsCatalog(count) {
  const out = ['backends:', ...BACKENDS.map(backend), 'models:'];
  for (let i = 0; i < count; i++) {
    const first = BACKENDS[i % 8][0];
    const second = BACKENDS[(i + 1) % 8 === i % 8 ? (i + 2) % 8 : (i + 1) % 8][0];
    out.push(
      `  model-${i}:`,
      `    match: vendor/model-${i}`,
      '    backends:',
      `      ${first}:`,
      '        priority: 0',
      `        modelNameOverride: accounts/vendor/models/model-${i}`,
      `      ${second}:`,
      '        priority: 1',
      '    rateLimit:',
      '      enabled: true',
      '      requests:',
      '        limit: 600',
      '        unit: Minute',
      '      tokens:',
      '        - limit: 1000000',
      '          unit: Day',
    );
  }
  return `${out.join('\n')}\n`;
}
