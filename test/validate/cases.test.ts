// Every invalid values file in test/validate/cases/ gives exactly these findings: severity, check,
// values path, where (line:column in the file, or the flag), message and suggestion. Then the real
// helm 3 and helm 4 are run on each file: they reject exactly the files with a schema error or a
// value the templates refuse, and accept the rest (duplicate keys and the checks across objects
// are ours; helm keeps the last duplicate silently).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/validate.js';
import { resolveChart } from '../../src/charts/registry.js';

const TEMPLATE_FAILURES = resolveChart('core').templateFailures;
import { HELM_MAJORS, ROOT, runHelm } from '../support/helm.js';
import { rows, type Row } from './helpers.js';


const CASES_DIR = join(ROOT, 'test', 'validate', 'cases');
const CHART_DIR = join(ROOT, 'chart');

function checkFile(file: string) {
  return validate({ valuesFiles: [{ name: `test/validate/cases/${file}`, text: readFileSync(join(CASES_DIR, file), 'utf8') }] });
}

/** The files with no finding: controls that show a check does not fire where it should not. */
const VALID = ['global-allowed.yaml', 'semantic-credentials-secret-ref-ok.yaml', 'semantic-gateway-disabled-targets-named.yaml', 'semantic-https-staging-ok.yaml'];

const EXPECTED: Record<string, Row[]> = {
  'duplicate-in-list-item.yaml': [
    ['error', 'values/duplicate-key', 'gateway.listeners[0].port', '6:7', 'duplicate key: set at line 5 and again at line 6; helm silently keeps only the last one', 'keep one of them: merge the two into the entry at line 5 and delete the one at line 6'],
  ],
  'duplicate-nested.yaml': [
    ['error', 'values/duplicate-key', 'clientTrafficPolicy.connection.bufferLimit', '4:5', 'duplicate key: set at line 3 and again at line 4; helm silently keeps only the last one', 'keep one of them: merge the two into the entry at line 3 and delete the one at line 4'],
  ],
  'duplicate-top-level.yaml': [
    ['error', 'values/duplicate-key', 'gateway', '5:1', 'duplicate key: set at line 1 and again at line 5; helm silently keeps only the last one', 'keep one of them: merge the two into the entry at line 1 and delete the one at line 5'],
  ],
  'enum-external-traffic-policy.yaml': [
    ['error', 'schema/enum', 'envoyProxy.provider.kubernetes.envoyService.externalTrafficPolicy', '5:32', 'the string "local" is not allowed', 'did you mean "Local"?'],
  ],
  'enum-gatewayconfig-api-version.yaml': [
    ['error', 'schema/enum', 'gatewayConfig.apiVersion', '2:15', 'the string "v1beta1" is not allowed', 'did you mean "aigateway.envoyproxy.io/v1beta1"?'],
  ],
  'enum-listener-tls-mode.yaml': [
    ['error', 'schema/enum', 'gateway.listeners[0].tls.mode', '7:15', 'the string "terminate" is not allowed', 'did you mean "Terminate"?'],
  ],
  'enum-log-level.yaml': [
    ['error', 'schema/enum', 'envoyProxy.logging.level.default', '4:16', 'the string "warning" is not allowed', 'did you mean "warn"?'],
  ],
  'enum-provider-type.yaml': [
    ['error', 'schema/enum', 'envoyProxy.provider.type', '3:11', 'the string "kubernetes" is not allowed', 'did you mean "Kubernetes"?'],
  ],
  'enum-service-type-case.yaml': [
    ['error', 'schema/enum', 'envoyProxy.provider.kubernetes.envoyService.type', '5:15', 'the string "loadbalancer" is not allowed', 'did you mean "LoadBalancer"?'],
  ],
  'enum-target-kind.yaml': [
    ['error', 'schema/enum', 'clientTrafficPolicy.targetRefs[0].kind', '4:13', 'the string "gateway" is not allowed', 'did you mean "Gateway"?'],
  ],
  'enum-tls-version-prefixed.yaml': [
    ['error', 'schema/enum', 'clientTrafficPolicy.tls.minVersion', '3:17', 'the string "TLSv1.2" is not allowed', 'did you mean "1.2"?'],
  ],
  'global-allowed.yaml': [],
  'items-no-listeners.yaml': [
    ['error', 'schema/items', 'gateway.listeners', '2:14', 'has 0 entries; must be a list of Gateway listeners ({name, protocol, port, …}) (1 to 64 entries)', 'add at least one listener, e.g. {name: http, protocol: HTTP, port: 80}'],
  ],
  'length-empty-env-name.yaml': [
    ['error', 'schema/length', 'gatewayConfig.extProc.kubernetes.env[0].name', '5:17', 'the string "" (0 characters) is not a non-empty string', 'give "name" a value'],
  ],
  'pattern-buffer-limit-fraction.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.connection.bufferLimit', '3:18', 'the string "1.5Gi" is not a size: a whole number of bytes or a quantity such as 50Mi, 512Ki or 1G, or "" to leave it unset', 'only whole numbers are allowed: "1536Mi"'],
  ],
  'pattern-buffer-limit-lower-unit.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.connection.bufferLimit', '3:18', 'the string "50mi" is not a size: a whole number of bytes or a quantity such as 50Mi, 512Ki or 1G, or "" to leave it unset', 'binary units are written Mi: "50Mi"'],
  ],
  'pattern-buffer-limit-mb.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.connection.bufferLimit', '3:18', 'the string "50MB" is not a size: a whole number of bytes or a quantity such as 50Mi, 512Ki or 1G, or "" to leave it unset', '"MB" is not a Kubernetes unit: use "50Mi" (mebibytes, powers of 1024) or "50M" (powers of 1000)'],
  ],
  'pattern-controller-name.yaml': [
    ['error', 'schema/pattern', 'gatewayClass.controllerName', '2:19', 'the string "envoy-gateway" is not a controller name: a DNS domain, "/" and a path, e.g. gateway.envoyproxy.io/gatewayclass-controller', "use Envoy Gateway's controller name, gateway.envoyproxy.io/gatewayclass-controller, unless you changed it in Envoy Gateway"],
  ],
  'pattern-duration-fraction.yaml': [
    ['error', 'schema/pattern', 'envoyProxy.shutdown.minDrainDuration', '3:23', 'the string "1.5s" is not a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms), or "" to leave it unset', 'only whole numbers are allowed: "1500ms"'],
  ],
  'pattern-duration-no-unit.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.timeout.http.requestReceivedTimeout', '4:31', 'the string "300" is not a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms)', 'add a unit: "300s" (or ms, m, h)'],
  ],
  'pattern-duration-upper-unit.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.timeout.http.idleTimeout', '4:20', 'the string "30S" is not a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms)', 'use Go units: "30s"'],
  ],
  'pattern-duration-words.yaml': [
    ['error', 'schema/pattern', 'clientTrafficPolicy.connection.connectionTimeout', '3:24', 'the string "1 min" is not a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms), or "" to leave it unset', 'use Go units: "1m"'],
  ],
  'pattern-hostname-port.yaml': [
    ['error', 'schema/pattern', 'gateway.listeners[0].hostname', '6:17', 'the string "api.example.com:8080" is not a DNS hostname, optionally starting with "*.", in lower case', 'remove the port: "api.example.com"'],
  ],
  'pattern-hostname-upper.yaml': [
    ['error', 'schema/pattern', 'gateway.listeners[0].hostname', '6:17', 'the string "API.example.com" is not a DNS hostname, optionally starting with "*.", in lower case', 'use lower case: "api.example.com"'],
  ],
  'pattern-hostname-wildcard.yaml': [
    ['error', 'schema/pattern', 'gateway.listeners[0].hostname', '6:17', 'the string "api.*.example.com" is not a DNS hostname, optionally starting with "*.", in lower case', 'a wildcard is only allowed as the whole first label: *.example.com'],
  ],
  'pattern-label-key.yaml': [
    ['error', 'schema/key-format', 'gateway.labels.my label', '3:5', 'key "my label" is not a valid label or annotation key', 'use "my-label"'],
  ],
  'pattern-label-value-long.yaml': [
    ['error', 'schema/length', 'envoyProxy.provider.kubernetes.envoyDeployment.pod.labels.description', '7:26', 'the string "this-label-value-is-much-longer-than-the-sixty-three-characters-allowed" (71 characters) is not a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit', 'label values are at most 63 characters: put longer text in an annotation'],
  ],
  'pattern-label-value-spaces.yaml': [
    ['error', 'schema/pattern', 'gatewayClass.labels.description', '3:18', 'the string "Production AI Gateway" is not a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit', 'use "Production-AI-Gateway", or put the text in an annotation'],
  ],
  'pattern-listener-protocol.yaml': [
    ['error', 'schema/pattern', 'gateway.listeners[0].protocol', '4:17', 'the string "HTTP/2" is not a protocol name such as HTTP, HTTPS, TLS, TCP or UDP, or a domain-prefixed name (example.com/proto)', 'HTTP/2 is not a listener protocol: use HTTPS (clients negotiate HTTP/2 through ALPN) or HTTP'],
  ],
  'pattern-load-balancer-ip.yaml': [
    ['error', 'schema/pattern', 'envoyProxy.provider.kubernetes.envoyService.loadBalancerIP', '5:25', 'the string "10.0.0.256" is not an IPv4 address such as 203.0.113.10, or "" to leave it unset', 'write four numbers from 0 to 255 separated by dots, e.g. 203.0.113.10, or "" to leave it unset'],
  ],
  'pattern-load-balancer-ipv6.yaml': [
    ['error', 'schema/pattern', 'envoyProxy.provider.kubernetes.envoyService.loadBalancerIP', '5:25', 'the string "2001:db8::1" is not an IPv4 address such as 203.0.113.10, or "" to leave it unset', 'the EnvoyProxy CRD accepts only an IPv4 address here'],
  ],
  'pattern-name-trailing-dot.yaml': [
    ['error', 'schema/pattern', 'gatewayClass.name', '2:9', 'the string "ai-gateway." is not a DNS-1123 name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters', 'use "ai-gateway"'],
  ],
  'pattern-name-upper.yaml': [
    ['error', 'schema/pattern', 'gateway.name', '2:9', 'the string "AI_Gateway" is not a DNS-1123 name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters', 'use "ai-gateway"'],
  ],
  'range-port-high.yaml': [
    ['error', 'schema/range', 'gateway.listeners[0].port', '5:13', '70000 is out of range: must be a whole number from 1 to 65535', 'use a port from 1 to 65535'],
  ],
  'range-port-zero.yaml': [
    ['error', 'schema/range', 'gateway.listeners[0].port', '5:13', '0 is out of range: must be a whole number from 1 to 65535', 'use a port from 1 to 65535'],
  ],
  'range-replicas-negative.yaml': [
    ['error', 'schema/range', 'envoyProxy.provider.kubernetes.envoyDeployment.replicas', '5:19', '-1 is out of range: must be a whole number from 0 to 2147483647', 'use 0 or more replicas'],
  ],
  'required-listener-port.yaml': [
    ['error', 'schema/required', 'gateway.listeners[0].port', '3:7', 'required key "port" is missing', 'add "port": a whole number from 1 to 65535'],
  ],
  'required-null-name.yaml': [
    ['error', 'schema/required', 'gateway.name', '2:3', 'required key "name" is missing', "give \"name\" a value: null removes the chart's default, and it is required"],
  ],
  'required-target-kind.yaml': [
    ['error', 'schema/required', 'clientTrafficPolicy.targetRefs[0].kind', '3:7', 'required key "kind" is missing', 'add "kind": one of "Gateway", "ListenerSet"'],
  ],
  'required-volume-mount-path.yaml': [
    ['error', 'schema/required', 'envoyProxy.provider.kubernetes.envoyDeployment.container.volumeMounts[0].mountPath', '7:15', 'required key "mountPath" is missing', 'add "mountPath": a string'],
  ],
  'semantic-anti-affinity.yaml': [
    ['warning', 'semantic/anti-affinity-selects-nothing', 'envoyProxy.provider.kubernetes.envoyDeployment.pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels', '11:23', "the anti-affinity selector (app: envoy) matches none of this Gateway's Envoy pods, so it does not spread the replicas", 'select the Envoy pods: matchLabels: {app.kubernetes.io/name: envoy, gateway.envoyproxy.io/owning-gateway-name: ai-gateway}, or add app: envoy to envoyProxy.provider.kubernetes.envoyDeployment.pod.labels'],
  ],
  'semantic-buffer-limit-bytes.yaml': [
    ['warning', 'semantic/buffer-limit', 'clientTrafficPolicy.connection.bufferLimit', '3:18', 'bufferLimit 32768 (32768 bytes) is below 1Mi: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large', 'raise it, e.g. bufferLimit: 50Mi (the chart default)'],
  ],
  'semantic-buffer-limit-empty.yaml': [
    ['warning', 'semantic/buffer-limit', 'clientTrafficPolicy.connection.bufferLimit', '3:18', "bufferLimit is unset, so Envoy Gateway's default of 32 KiB applies: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large", 'set clientTrafficPolicy.connection.bufferLimit: 50Mi (the chart default)'],
  ],
  'semantic-buffer-limit-null.yaml': [
    ['warning', 'semantic/buffer-limit', 'clientTrafficPolicy.connection.bufferLimit', '3:5', "bufferLimit is unset, so Envoy Gateway's default of 32 KiB applies: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large", 'set clientTrafficPolicy.connection.bufferLimit: 50Mi (the chart default)'],
  ],
  'semantic-buffer-limit-small.yaml': [
    ['warning', 'semantic/buffer-limit', 'clientTrafficPolicy.connection.bufferLimit', '3:18', 'bufferLimit 64Ki (65536 bytes) is below 1Mi: LLM requests with long prompts, images or tool definitions exceed it and are rejected with 413 Payload Too Large', 'raise it, e.g. bufferLimit: 50Mi (the chart default)'],
  ],
  'semantic-connection-timeout-conflict.yaml': [
    ['error', 'semantic/connection-timeout-conflict', 'clientTrafficPolicy.connection.connectionTimeout', '3:24', 'connectionTimeout and timeout.http.idleTimeout both set spec.timeout.http.idleTimeout, and the chart refuses to choose', 'keep clientTrafficPolicy.timeout.http.idleTimeout and remove connection.connectionTimeout'],
  ],
  'semantic-credentials-header.yaml': [
    ['warning', 'semantic/env-credential', 'gatewayConfig.extProc.kubernetes.env[0].value', '6:18', 'env var "OTEL_EXPORTER_OTLP_HEADERS" has a plain value, and its value carries an authorization header or key: it ends up readable in the values file, the release and the rendered object', 'use valueFrom.secretKeyRef: {name: <secret>, key: <key>} instead of value'],
  ],
  'semantic-credentials-key.yaml': [
    ['warning', 'semantic/env-credential', 'envoyProxy.provider.kubernetes.envoyDeployment.container.env[0].value', '8:22', 'env var "OPENAI_API_KEY" has a plain value, and OPENAI_API_KEY looks like a credential: it ends up readable in the values file, the release and the rendered object', 'use valueFrom.secretKeyRef: {name: <secret>, key: <key>} instead of value'],
  ],
  'semantic-credentials-secret-ref-ok.yaml': [
  ],
  'semantic-credentials-url.yaml': [
    ['warning', 'semantic/env-credential', 'gatewayConfig.spec.extProc.kubernetes.env[0].value', '7:20', 'env var "OTEL_EXPORTER_OTLP_ENDPOINT" has a plain value, and its URL carries credentials (user:password@): it ends up readable in the values file, the release and the rendered object', 'remove the credentials from the URL and pass them from a Secret: valueFrom.secretKeyRef {name: <secret>, key: <key>} (for OTLP, as OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic …)'],
  ],
  'semantic-env-duplicate-across-lists.yaml': [
    ['error', 'semantic/env-duplicate', 'gatewayConfig.extProc.kubernetes.env[0].name', '11:17', 'env var "OTEL_SERVICE_NAME" is already set at gatewayConfig.spec.extProc.kubernetes.env[0] (the chart puts both lists into one)', 'remove one of them'],
  ],
  'semantic-env-duplicate.yaml': [
    ['error', 'semantic/env-duplicate', 'envoyProxy.provider.kubernetes.envoyDeployment.container.env[1].name', '9:21', 'env var "LOG_FORMAT" is already set at envoyProxy.provider.kubernetes.envoyDeployment.container.env[0]', 'remove one of them'],
  ],
  'semantic-envoyproxy-not-rendered.yaml': [
    ['warning', 'semantic/envoyproxy-not-rendered', 'envoyProxy.enabled', '2:12', 'the Gateway references EnvoyProxy "ai-gateway" (gateway.infrastructure.enabled: true), but the chart does not create it (envoyProxy.enabled: false)', 'set gateway.infrastructure.enabled: false, or envoyProxy.enabled: true, or make sure EnvoyProxy "ai-gateway" exists in the release namespace'],
  ],
  'semantic-gateway-disabled-targets-named.yaml': [
  ],
  'semantic-gateway-disabled.yaml': [
    ['warning', 'semantic/gatewayconfig-without-gateway', 'gateway.enabled', '2:12', 'the GatewayConfig "ai-gateway-tracing" is rendered but the Gateway is not, so the aigateway.envoyproxy.io/gateway-config annotation that attaches it has nowhere to go', 'set gatewayConfig.enabled: false, or annotate your own Gateway with aigateway.envoyproxy.io/gateway-config: ai-gateway-tracing'],
    ['warning', 'semantic/policy-target-not-rendered', 'clientTrafficPolicy.targetRefs', '2:12', "the ClientTrafficPolicy targets the chart's Gateway \"ai-gateway\" by default, but that Gateway is not rendered (gateway.enabled: false) and targetRefs names no other", 'name the Gateway to attach to in clientTrafficPolicy.targetRefs ({group: gateway.networking.k8s.io, kind: Gateway, name: …}), or set clientTrafficPolicy.enabled: false'],
  ],
  'semantic-gatewayclass-disabled.yaml': [
    ['warning', 'semantic/gatewayclass-not-rendered', 'gatewayClass.enabled', '2:12', 'the Gateway uses GatewayClass "ai-gateway", but the chart does not create it (gatewayClass.enabled: false)', 'make sure GatewayClass "ai-gateway" exists in the cluster, or set gateway.className to the class you use'],
  ],
  'semantic-host-provider.yaml': [
    ['warning', 'semantic/host-provider-ignores-kubernetes', 'envoyProxy.provider.kubernetes.envoyDeployment.replicas', '6:19', 'envoyProxy.provider.kubernetes settings are ignored with provider type Host (1 set)', 'remove them, or set envoyProxy.provider.type: Kubernetes'],
  ],
  'semantic-https-no-certificate.yaml': [
    ['error', 'semantic/listener-tls-no-certificate', 'gateway.listeners[0]', '3:7', 'HTTPS listener "https" terminates TLS but has no certificateRefs', 'add tls.certificateRefs: [{kind: Secret, name: <a kubernetes.io/tls Secret in the release namespace>}]'],
  ],
  'semantic-https-acme-http-port.yaml': [
    ["error","semantic/acme-no-http-listener","gateway.listeners[0].port","5:13","the ACME issuer solves HTTP-01 challenges on port 80, but the HTTP listener \"http\" is on port 8080 (the chart refuses to render)","set its port to 80, or bring your own issuer (certManager.issuer.create: false)"],
  ],
  'semantic-https-acme-no-http.yaml': [
    ["error","semantic/acme-no-http-listener","certManager.issuer.create","13:13","the ACME issuer solves HTTP-01 challenges through an HTTP listener on port 80, and the Gateway has none (the chart refuses to render)","add {name: http, protocol: HTTP, port: 80} to gateway.listeners, or bring your own issuer (certManager.issuer.create: false)"],
  ],
  'semantic-https-acme-wildcard.yaml': [
    ["error","semantic/acme-wildcard","gateway.listeners[1].hostname","9:17","\"*.ai.example.com\" is a wildcard name, and the chart's ACME issuer solves only HTTP-01, which cannot issue wildcards: the whole certificate would fail","list the exact names instead of \"*.ai.example.com\", or use an issuer of your own with a DNS-01 solver (certManager.issuer.create: false)"],
  ],
  'semantic-https-email-empty.yaml': [
    ["warning","semantic/acme-email-empty","certManager.issuer.email","16:13","the ACME account has no contact email: the CA cannot reach you about the account or a problem with your certificates","set certManager.issuer.email: platform@example.com (your team's address)"],
  ],
  'semantic-https-issuer-mismatch.yaml': [
    ["error","semantic/issuer-ref-mismatch","certManager.issuerRef.name","16:11","the certificates ask for ClusterIssuer \"letsencrypt-prod\" (group cert-manager.io), but the chart creates ClusterIssuer \"letsencrypt\": they would wait for an issuer that does not exist","set certManager.issuerRef to {group: cert-manager.io, kind: ClusterIssuer, name: letsencrypt}"],
  ],
  'semantic-https-name-not-served.yaml': [
    ["error","semantic/certificate-name-not-served","certManager.dnsNames[1]","17:7","\"api.example.com\" goes on the certificate for Secret ai-gateway-tls (listener https: ai.example.com), but no listener that uses the Secret serves that name: clients asking for it never get this certificate","add a listener with hostname: api.example.com that uses the Secret, or remove \"api.example.com\" from certManager.dnsNames"],
  ],
  'semantic-https-no-names.yaml': [
    ["error","semantic/certificate-no-names","gateway.listeners[0]","3:7","the Certificate for Secret \"ai-gateway-tls\" has no names: listener https has no hostname and certManager.dnsNames is empty (the chart refuses to render)","give listener https a hostname (hostname: ai.example.com), or list the names in certManager.dnsNames"],
  ],
  'semantic-https-no-tls-listener.yaml': [
    ["error","semantic/certificate-no-listener","certManager.enabled","2:12","certManager.enabled is on, but no HTTPS or TLS listener terminates TLS with a Secret in the release namespace, so there is no certificate to issue (the chart refuses to render)","add to gateway.listeners: {name: https, protocol: HTTPS, port: 443, hostname: ai.example.com, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}"],
  ],
  'semantic-https-redirect-no-http.yaml': [
    ["error","semantic/redirect-no-http-listener","httpsRedirect.enabled","10:12","the redirect attaches to the Gateway's HTTP listener, and the Gateway has none (the chart refuses to render)","add {name: http, protocol: HTTP, port: 80} to gateway.listeners, or set httpsRedirect.enabled: false"],
  ],
  'semantic-https-redirect-no-https.yaml': [
    ["error","semantic/redirect-no-https-listener","httpsRedirect.enabled","7:12","the redirect sends every plain-HTTP request to https, but the Gateway has no HTTPS listener to land on: every request would end in a failed connection","add to gateway.listeners: {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{kind: Secret, name: ai-gateway-tls}]}}, or set httpsRedirect.enabled: false"],
  ],
  'semantic-https-ref-not-issued.yaml': [
    ["warning","semantic/certificate-ref-not-issued","gateway.listeners[1].tls.certificateRefs[1]","13:13","listener \"https\" uses Secret \"shared-tls\" in namespace \"certificates\", which cert-manager does not issue here (the chart issues Secrets in the release namespace \"default\" only): it must exist already","make sure it exists (and, across namespaces, a ReferenceGrant allows it), or drop namespace so the chart issues Secret \"shared-tls\" in \"default\""],
  ],
  'semantic-https-staging-in-production.yaml': [
    ["warning","semantic/acme-staging-in-production","certManager.issuer.server","23:13","the ACME server is a staging CA, whose certificates no browser or client trusts, but these values look like production: 3 Envoy replicas","set certManager.issuer.server: https://acme-v02.api.letsencrypt.org/directory once staging issuance works"],
  ],
  'semantic-https-staging-ok.yaml': [
  ],
  'semantic-https-issuer-ref-kind.yaml': [
    ["error","semantic/issuer-ref-kind","certManager.issuerRef.kind","13:11","cert-manager.io has no issuer kind \"ClusterIsuer\": the certificates would never be issued","did you mean \"ClusterIssuer\"?"],
  ],
  'enum-redirect-status-code.yaml': [
    ["error","schema/enum","httpsRedirect.statusCode","2:15","the number 308 is not allowed","use one of 301, 302"],
  ],
  'enum-issuer-kind-case.yaml': [
    ["error","schema/enum","certManager.issuer.kind","3:11","the string \"clusterissuer\" is not allowed","did you mean \"ClusterIssuer\"?"],
  ],
  'pattern-acme-server-http.yaml': [
    ["error","schema/pattern","certManager.issuer.server","3:13","the string \"http://acme-v02.api.letsencrypt.org/directory\" is not an ACME directory URL starting with https://","use https: \"https://acme-v02.api.letsencrypt.org/directory\""],
  ],
  'pattern-dns-name-upper.yaml': [
    ["error","schema/pattern","certManager.dnsNames[0]","3:7","the string \"AI.example.com\" is not a DNS hostname, optionally starting with \"*.\", in lower case","use lower case: \"ai.example.com\""],
  ],
  'semantic-https-acme-name-outside-http.yaml': [
    ["error","semantic/acme-name-outside-http-listener","gateway.listeners[1].hostname","10:17","the HTTP-01 challenge for \"ai.example.com\" cannot attach to HTTP listener \"http\", whose hostname is \"www.example.com\": the certificate would never be issued","remove hostname from listener \"http\", or give it a wildcard that covers \"ai.example.com\""],
  ],
  'semantic-https-redirect-hostname-outside.yaml': [
    ["warning","semantic/redirect-hostname-outside-listener","httpsRedirect.hostnames[1]","17:7","\"ai.example.org\" is not a name HTTP listener \"http\" (hostname \"*.example.com\") accepts, so requests for it are not redirected","remove \"ai.example.org\", or remove the hostname of listener \"http\""],
  ],
  'semantic-listener-duplicate-name.yaml': [
    ['error', 'semantic/listener-duplicate-name', 'gateway.listeners[1].name', '6:13', 'listener name "http" is already used by gateway.listeners[0]', 'rename one of them, e.g. "http-8080"'],
  ],
  'semantic-listener-duplicate-port.yaml': [
    ['error', 'semantic/listener-duplicate-port', 'gateway.listeners[1].port', '8:13', 'gateway.listeners[0] already uses port 80 with protocol HTTP and no hostname', 'use another port, or give each listener its own hostname'],
  ],
  'semantic-listener-port-conflict.yaml': [
    ['error', 'semantic/listener-port-conflict', 'gateway.listeners[1].port', '8:13', 'port 443 is also used by gateway.listeners[0] with protocol HTTP; Envoy Gateway cannot serve HTTP and HTTPS on one port and marks the listeners Conflicted', 'use another port for this HTTPS listener'],
  ],
  'semantic-load-balancer-ip-cluster-ip.yaml': [
    ['error', 'semantic/loadbalancerip-needs-loadbalancer', 'envoyProxy.provider.kubernetes.envoyService.loadBalancerIP', '6:25', 'loadBalancerIP is set but the service type is ClusterIP', 'set envoyService.type: LoadBalancer, or remove loadBalancerIP'],
  ],
  'semantic-policy-http.yaml': [
    ['error', 'semantic/policy-http', 'clientTrafficPolicy.http', '3:5', 'clientTrafficPolicy.http is not a ClientTrafficPolicy field (the CRD has no spec.http), and the chart refuses to render it', 'move these settings to clientTrafficPolicy.http1, http2 or http3 (http10 → clientTrafficPolicy.http1.http10) and remove clientTrafficPolicy.http'],
  ],
  'semantic-protocol-lower-case.yaml': [
    ['warning', 'semantic/listener-protocol', 'gateway.listeners[0].protocol', '4:17', 'protocol "http" is not one Envoy Gateway supports, so the listener will not be programmed', 'did you mean "HTTP"?'],
  ],
  'semantic-section-name.yaml': [
    ['warning', 'semantic/policy-section-missing', 'clientTrafficPolicy.targetRefs[0].sectionName', '6:20', 'sectionName "htps" names no listener of Gateway "ai-gateway" (its listeners: http, https)', 'did you mean "https"?'],
  ],
  'semantic-tls-terminate-no-certificate.yaml': [
    ['error', 'semantic/listener-tls-no-certificate', 'gateway.listeners[0].tls', '7:9', 'TLS listener "tls" terminates TLS but has no certificateRefs', 'add tls.certificateRefs: [{kind: Secret, name: <a kubernetes.io/tls Secret in the release namespace>}]'],
  ],
  'semantic-tls-version-order.yaml': [
    ['error', 'semantic/tls-version-order', 'clientTrafficPolicy.tls.minVersion', '3:17', 'minVersion 1.3 is above maxVersion 1.2', 'swap them: minVersion: "1.2", maxVersion: "1.3"'],
  ],
  'type-annotation-bool.yaml': [
    ['error', 'schema/type', 'gatewayClass.annotations["example.com/enabled"]', '3:26', 'must be a string, not the boolean true', 'quote it: example.com/enabled: "true" (YAML reads true as a boolean)'],
  ],
  'type-annotations-string.yaml': [
    ['error', 'schema/type', 'gateway.annotations', '2:16', 'must be a map, not the string "example.com/owner=team-a"', 'write it as a map of key: value lines under the key'],
  ],
  'type-duration-number.yaml': [
    ['error', 'schema/type', 'envoyProxy.shutdown.drainTimeout', '3:19', 'must be a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms), or "" to leave it unset, not the number 60', 'write it with a unit, e.g. "60s"'],
  ],
  'type-enabled-string.yaml': [
    ['error', 'schema/type', 'gateway.enabled', '2:12', 'must be true or false, not the string "false"', 'remove the quotes: enabled: false'],
  ],
  'type-label-number.yaml': [
    ['error', 'schema/type', 'gateway.labels.version', '3:14', 'must be a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, not the number 1', 'quote it: version: "1.0" (YAML reads 1.0 as the number 1)'],
  ],
  'type-labels-list.yaml': [
    ['error', 'schema/type', 'envoyProxy.labels', '3:5', 'must be a map, not a list', 'write it as a map of key: value lines, not a list'],
  ],
  'type-listeners-map.yaml': [
    ['error', 'schema/type', 'gateway.listeners', '3:5', 'must be a list of Gateway listeners ({name, protocol, port, …}) (1 to 64 entries), not a map', 'write it as a list: each entry on its own line starting with "- "'],
  ],
  'type-null-section.yaml': [
    ['error', 'schema/required', 'clientTrafficPolicy', '1:1', 'required key "clientTrafficPolicy" is missing', "give \"clientTrafficPolicy\" a value: null removes the chart's default, and it is required"],
  ],
  'type-port-quoted.yaml': [
    ['error', 'schema/type', 'gateway.listeners[0].port', '5:13', 'must be a whole number from 1 to 65535, not the string "8080"', 'remove the quotes: port: 8080'],
  ],
  'type-replicas-fraction.yaml': [
    ['error', 'schema/type', 'envoyProxy.provider.kubernetes.envoyDeployment.replicas', '5:19', 'must be a whole number from 0 to 2147483647, not the number 2.5', 'use a whole number, e.g. 3'],
  ],
  'type-replicas-quoted.yaml': [
    ['error', 'schema/type', 'envoyProxy.provider.kubernetes.envoyDeployment.replicas', '5:19', 'must be a whole number from 0 to 2147483647, not the string "3"', 'remove the quotes: replicas: 3'],
  ],
  'type-tls-version-1-0.yaml': [
    ['error', 'schema/type', 'clientTrafficPolicy.tls.minVersion', '3:17', 'must be a TLS version, as a string: "Auto", "1.0", "1.1", "1.2" or "1.3", not the number 1', 'quote it: minVersion: "1.0" (YAML reads 1.0 as the number 1)'],
  ],
  'type-tls-version-unquoted.yaml': [
    ['error', 'schema/type', 'clientTrafficPolicy.tls.minVersion', '3:17', 'must be a TLS version, as a string: "Auto", "1.0", "1.1", "1.2" or "1.3", not the number 1.2', 'quote it: minVersion: "1.2" (YAML reads 1.2 as the number 1.2)'],
  ],
  'unknown-connection-idle-timeout.yaml': [
    ['error', 'schema/unknown-key', 'clientTrafficPolicy.connection.idleTimeout', '3:5', 'unknown key "idleTimeout": idleTimeout is not a connection setting', 'use clientTrafficPolicy.timeout.http.idleTimeout (or timeout.tcp.idleTimeout)'],
  ],
  'unknown-gatewayconfig-env.yaml': [
    ['error', 'schema/unknown-key', 'gatewayConfig.env', '2:3', 'unknown key "env": env is not a GatewayConfig key', 'use gatewayConfig.extProc.kubernetes.env (or gatewayConfig.spec.extProc.kubernetes.env)'],
  ],
  'unknown-key-elsewhere.yaml': [
    ['error', 'schema/unknown-key', 'envoyProxy.replicas', '2:3', 'unknown key "replicas"', '"replicas" belongs at envoyProxy.provider.kubernetes.envoyDeployment.replicas'],
  ],
  'unknown-key-no-match.yaml': [
    ['error', 'schema/unknown-key', 'gateway.colour', '2:3', 'unknown key "colour"', 'remove it, or rename it to one of the keys expected here'],
  ],
  'unknown-parameters-ref.yaml': [
    ['error', 'schema/unknown-key', 'gateway.infrastructure.parametersRef', '3:5', 'unknown key "parametersRef": the chart writes the parametersRef itself', "keep gateway.infrastructure.enabled: true and set envoyProxy.name; the Gateway then points at the chart's EnvoyProxy"],
  ],
  'unknown-pod-volumes.yaml': [
    ['error', 'schema/unknown-key', 'envoyProxy.provider.kubernetes.envoyDeployment.pod.volumes', '6:11', 'unknown key "volumes": the chart takes the pod volumes one level up', 'use envoyProxy.provider.kubernetes.envoyDeployment.volumes; the chart renders them at spec.provider.kubernetes.envoyDeployment.pod.volumes, where the CRD has them'],
  ],
  'unknown-request-timeout.yaml': [
    ['error', 'schema/unknown-key', 'clientTrafficPolicy.timeout.http.requestTimeout', '4:7', 'unknown key "requestTimeout": requestTimeout is not a ClientTrafficPolicy field (it is a BackendTrafficPolicy one)', "use clientTrafficPolicy.timeout.http.requestReceivedTimeout, the nearest field: the time allowed to receive the whole request. The deadline for the model's response belongs to the route: set it on the AIGatewayRoute (`timeouts.request`, models chart)"],
  ],
  'unknown-response-timeout.yaml': [
    ['error', 'schema/unknown-key', 'clientTrafficPolicy.timeout.http.responseTimeout', '4:7', 'unknown key "responseTimeout": responseTimeout is not a ClientTrafficPolicy field', "the deadline for the model's response belongs to the route: set it on the AIGatewayRoute (`timeouts.request`, models chart)"],
  ],
  'unknown-service-account-name.yaml': [
    ['error', 'schema/unknown-key', 'envoyProxy.provider.kubernetes.envoyDeployment.pod.serviceAccountName', '6:11', 'unknown key "serviceAccountName": the EnvoyProxy pod has no serviceAccountName', "the CRD sets it at spec.provider.kubernetes.envoyServiceAccount.name, which this chart does not render; use Envoy Gateway's own settings"],
  ],
  'unknown-target-ref-singular.yaml': [
    ['error', 'schema/unknown-key', 'clientTrafficPolicy.targetRef', '2:3', 'unknown key "targetRef": targetRef (singular) is deprecated in ClientTrafficPolicy and not a chart key', 'use clientTrafficPolicy.targetRefs, a list: [{group: gateway.networking.k8s.io, kind: Gateway, name: …}]'],
  ],
  'unknown-typo-case.yaml': [
    ['error', 'schema/unknown-key', 'clientTrafficPolicy.connection.BufferLimit', '3:5', 'unknown key "BufferLimit"', 'did you mean "bufferLimit"?'],
  ],
  'unknown-typo-envoydeployment.yaml': [
    ['error', 'schema/unknown-key', 'envoyProxy.provider.kubernetes.envoyDeploymnet', '4:7', 'unknown key "envoyDeploymnet"', 'did you mean "envoyDeployment"?'],
  ],
  'unknown-typo-listener-key.yaml': [
    ['error', 'schema/required', 'gateway.listeners[0].protocol', '3:7', 'required key "protocol" is missing', 'rename "protcol" to "protocol"'],
    ['error', 'schema/unknown-key', 'gateway.listeners[0].protcol', '4:7', 'unknown key "protcol"', 'did you mean "protocol"?'],
  ],
  'unknown-typo-top-level.yaml': [
    ['error', 'schema/unknown-key', 'gatewayClas', '1:1', 'unknown key "gatewayClas"', 'did you mean "gatewayClass"?'],
  ],
  'yaml-root-list.yaml': [
    ['error', 'yaml/root-not-map', '', '1:1', 'a values file must be a map of keys to values, but this document is a list (helm: json: cannot unmarshal array into Go value of type map[string]interface {})', 'a values file is a map at the top level, e.g. "gateway:\\n  name: ai-gateway"'],
  ],
  'yaml-syntax.yaml': [
    ['error', 'yaml/syntax', '', '3:4', 'invalid YAML: a key here ("enabled") is indented more than the keys above it: line it up with the keys above (column 3), or, if it belongs under "name", move the value after "name:" onto a line of its own (line "   enabled: true")', 'fix the YAML syntax at this position (indentation, a missing ":" or an unclosed quote)'],
  ],

};

const files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('validate: invalid values files, exact findings', () => {
  it('has an expectation for every file, and at least 60 invalid files', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
    const invalid = files.filter((f) => EXPECTED[f]!.length > 0);
    expect(invalid.length).toBeGreaterThanOrEqual(60);
    expect(files.filter((f) => EXPECTED[f]!.length === 0)).toEqual(VALID);
  });

  it('every finding has a location, a message and a suggestion', () => {
    for (const f of files) {
      for (const finding of checkFile(f).findings) {
        expect(finding.location, f).toBeDefined();
        expect(finding.suggestion, `${f}: ${finding.message}`).toBeTruthy();
      }
    }
  });

  for (const file of files) {
    it(file, () => {
      expect(rows(checkFile(file).findings)).toEqual(EXPECTED[file]);
    });
  }
});

describe('helm rejects the same files (real helm 3 and helm 4)', () => {
  for (const file of files) {
    const findings = EXPECTED[file] ?? [];
    const rejects = findings.some(([sev, code]) => sev === 'error' && (code.startsWith('schema/') || code.startsWith('yaml/') || TEMPLATE_FAILURES.has(code)));
    it.concurrent(`${file}: helm ${rejects ? 'rejects' : 'accepts'} it`, async () => {
      const results = await Promise.all(HELM_MAJORS.map((m) => runHelm(m, ['template', CHART_DIR, '-f', join(CASES_DIR, file)])));
      for (const r of results) expect(r.code, r.stderr).toBe(rejects ? 1 : 0);
    });
  }
});
