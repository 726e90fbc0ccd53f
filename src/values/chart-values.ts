/**
 * TypeScript types for the chart's values (chart/values.yaml, checked by schema/values.schema.json).
 * Pass-through objects are typed loosely: their shape is the CRD's, which the cluster validates.
 */
type StringMap = Record<string, string>;
type Obj = Record<string, unknown>;

export interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: { mode?: 'Terminate' | 'Passthrough'; certificateRefs?: { name: string; kind?: string; group?: string; namespace?: string }[]; options?: StringMap; frontendValidation?: Obj };
  allowedRoutes?: Obj;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Obj;
}

export interface TargetRef {
  group: 'gateway.networking.k8s.io';
  kind: 'Gateway' | 'ListenerSet';
  name: string;
  sectionName?: string;
}

interface Named {
  enabled: boolean;
  name: string;
  labels?: StringMap;
  annotations?: StringMap;
}

export interface AiGatewayCoreValues {
  global?: Obj;
  gatewayClass: Named & { controllerName: string };
  gateway: Named & { className?: string; listeners: Listener[]; infrastructure: { enabled: boolean } };
  gatewayConfig: Named & {
    apiVersion: 'aigateway.envoyproxy.io/v1beta1' | 'aigateway.envoyproxy.io/v1alpha1';
    extProc?: { kubernetes?: { env?: EnvVar[] } };
    spec?: Obj;
  };
  envoyProxy: Named & {
    provider: {
      type: 'Kubernetes' | 'Host';
      kubernetes?: {
        envoyDeployment?: {
          replicas?: number;
          pod?: { labels?: StringMap; annotations?: StringMap; securityContext?: Obj; tolerations?: Obj[]; nodeSelector?: StringMap; affinity?: Obj };
          container?: { resources?: Obj; securityContext?: Obj; env?: EnvVar[]; volumeMounts?: Obj[] };
          volumes?: Obj[];
        };
        envoyService?: { type?: 'LoadBalancer' | 'ClusterIP' | 'NodePort'; annotations?: StringMap; loadBalancerIP?: string; externalTrafficPolicy?: '' | 'Local' | 'Cluster' };
      };
    };
    logging?: { level?: Record<string, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'critical' | 'off'> };
    telemetry?: { accessLog?: Obj; metrics?: Obj; tracing?: Obj };
    shutdown?: { drainTimeout?: string; minDrainDuration?: string };
  };
  clientTrafficPolicy: Named & {
    targetRefs?: TargetRef[];
    connection?: { bufferLimit?: string | number; connectionTimeout?: string; socketBufferLimit?: string | number; connectionLimit?: Obj; maxAcceptPerSocketEvent?: number };
    /** Not a CRD field: must stay empty (use http1, http2, http3). */
    http?: Obj;
    http1?: Obj;
    http2?: Obj;
    http3?: Obj;
    timeout?: { http?: Record<string, string>; tcp?: Record<string, string> };
    tls?: Obj & { minVersion?: string; maxVersion?: string };
    path?: Obj;
    headers?: Obj;
    healthCheck?: Obj & { path?: string };
  };
}
