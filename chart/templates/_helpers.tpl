{{/*
Names and labels, defined once. Every scalar is printed through toYaml, so a value can never
change the YAML structure around it (a name with ": " or a newline is quoted, not interpreted).
*/}}

{{/* The helm.sh/chart label value: "+" is not allowed in label values, and 63 is their limit. */}}
{{- define "ai-gateway-core.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
A complete metadata block for one object. Takes a dict:
  root        the top-level context ($)
  name        metadata.name
  labels      the object's own labels; they win over the standard ones on a clash
  annotations the object's annotations (omitted when empty)
  namespaced  true for namespaced kinds: they land in the release namespace
*/}}
{{- define "ai-gateway-core.metadata" -}}
{{- $root := .root -}}
{{- $labels := dict "helm.sh/chart" (include "ai-gateway-core.chart" $root) "app.kubernetes.io/name" $root.Chart.Name "app.kubernetes.io/instance" $root.Release.Name "app.kubernetes.io/version" $root.Chart.AppVersion "app.kubernetes.io/managed-by" $root.Release.Service -}}
{{- range $key, $value := .labels }}{{ $_ := set $labels $key $value }}{{ end -}}
name: {{ toYaml .name }}
{{- if .namespaced }}
namespace: {{ toYaml $root.Release.Namespace }}
{{- end }}
labels:
  {{- toYaml $labels | nindent 2 }}
{{- with .annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The Secrets cert-manager issues, as JSON: Secret name → {hosts, listeners}. A Secret counts when an
HTTPS or TLS listener terminates TLS with it (mode Terminate, the CRD's default) and names it as a
core Secret in the release namespace: the same listeners cert-manager's own gateway-shim picks.
*/}}
{{- define "ai-gateway-core.certificates" -}}
{{- $secrets := dict -}}
{{- range $listener := .Values.gateway.listeners -}}
{{- $tls := $listener.tls | default dict -}}
{{- if and (has $listener.protocol (list "HTTPS" "TLS")) (eq ($tls.mode | default "Terminate") "Terminate") -}}
{{- range $tls.certificateRefs -}}
{{- if and (has (.group | default "") (list "" "core")) (eq (.kind | default "Secret") "Secret") (has (.namespace | default "") (list "" $.Release.Namespace)) -}}
{{- $entry := get $secrets .name | default (dict "hosts" (list) "listeners" (list)) -}}
{{- if $listener.hostname }}{{ $_ := set $entry "hosts" (append $entry.hosts $listener.hostname) }}{{ end -}}
{{- $_ := set $entry "listeners" (append $entry.listeners $listener.name) -}}
{{- $_ := set $secrets .name $entry -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $secrets -}}
{{- end }}

{{/* Every name the certificates carry, as a JSON list: certManager.dnsNames, then the listeners' hostnames. */}}
{{- define "ai-gateway-core.certificateNames" -}}
{{- $names := .Values.certManager.dnsNames | default list -}}
{{- range $secret, $entry := include "ai-gateway-core.certificates" . | fromJson -}}
{{- $names = concat $names $entry.hosts -}}
{{- end -}}
{{- toJson ($names | uniq) -}}
{{- end }}

{{/* The first listener of a protocol, as JSON ({} when there is none). Takes a dict: root, protocol. */}}
{{- define "ai-gateway-core.firstListener" -}}
{{- $found := dict -}}
{{- range .root.Values.gateway.listeners -}}
{{- if and (not $found) (eq .protocol $.protocol) }}{{ $found = . }}{{ end -}}
{{- end -}}
{{- toJson $found -}}
{{- end }}
