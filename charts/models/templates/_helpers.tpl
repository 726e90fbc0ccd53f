{{/*
Names, labels and the few computed values, defined once. Every scalar is printed through toYaml,
so a value can never change the YAML structure around it. Numbers from values files are float64
in helm: they are compared through `int` and printed through toYaml (which prints 1000000, not
1e+06), never with a bare {{ }}.

"Enabled" is always `ne $x.enabled false`: a missing key is enabled, only false disables. Sprig's
`default true` cannot be used, since it treats false as empty and returns true.
*/}}

{{/* The helm.sh/chart label value: "+" is not allowed in label values, and 63 is their limit. */}}
{{- define "ai-gateway-models.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
A complete metadata block for one object in the release namespace. Takes a dict:
  root        the top-level context ($)
  name        metadata.name
  labels      the object's own labels; they win over the standard ones on a clash
  annotations the object's annotations (omitted when empty)
*/}}
{{- define "ai-gateway-models.metadata" -}}
{{- $root := .root -}}
{{- $labels := dict "helm.sh/chart" (include "ai-gateway-models.chart" $root) "app.kubernetes.io/name" $root.Chart.Name "app.kubernetes.io/instance" $root.Release.Name "app.kubernetes.io/version" $root.Chart.AppVersion "app.kubernetes.io/managed-by" $root.Release.Service -}}
{{- range $key, $value := .labels }}{{ $_ := set $labels $key $value }}{{ end -}}
name: {{ toYaml .name }}
namespace: {{ toYaml $root.Release.Namespace }}
labels:
  {{- toYaml $labels | nindent 2 }}
{{- with .annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The keys of the backends that an enabled model uses through an enabled reference, comma-separated
(keys are DNS labels, so they never contain a comma). Only existing, enabled backends are listed:
a reference to anything else fails the render in aigatewayroute.yaml.
*/}}
{{- define "ai-gateway-models.usedBackends" -}}
{{- $backends := .Values.backends -}}
{{- $used := list -}}
{{- range $modelKey, $model := .Values.models }}
{{- if ne $model.enabled false }}
{{- range $backendKey, $ref := $model.backends }}
{{- if and (ne $ref.enabled false) (hasKey $backends $backendKey) }}
{{- if ne (index $backends $backendKey).enabled false }}
{{- $used = append $used $backendKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- $used | uniq | join "," -}}
{{- end }}

{{/*
Merges `src` into the map `dst` in place: where both hold a map, they merge key by key (at any
depth); any other value of `src` (a list, a scalar, false, 0, "", [] or null) replaces dst's.
Values are deep-copied, so the chart's defaults are never changed. Not sprig's merge/mergeOverwrite:
they skip "empty" values, so `enabled: false` or `numRetries: 0` would be lost.
Takes a dict: dst (the map to change), src (the map to merge in).
*/}}
{{- define "ai-gateway-models.merge" -}}
{{- $dst := .dst -}}
{{- range $key, $value := .src }}
{{- if and (kindIs "map" $value) (kindIs "map" (get $dst $key)) }}
{{- include "ai-gateway-models.merge" (dict "dst" (get $dst $key) "src" $value) }}
{{- else if or (kindIs "map" $value) (kindIs "slice" $value) }}
{{- $_ := set $dst $key (deepCopy $value) }}
{{- else }}
{{- $_ := set $dst $key $value }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The metadataKey of the first `TotalToken` entry of defaults.llmRequestCosts (empty when none):
token rate limits read their cost from it.
*/}}
{{- define "ai-gateway-models.totalTokenKey" -}}
{{- $key := "" -}}
{{- range .Values.defaults.llmRequestCosts }}
{{- if and (eq .type "TotalToken") (eq $key "") }}
{{- $key = .metadataKey }}
{{- end }}
{{- end }}
{{- $key -}}
{{- end }}
