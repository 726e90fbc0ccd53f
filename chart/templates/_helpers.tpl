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
