/**
 * TypeScript types for the models chart's values (charts/models/values.yaml, checked by its
 * values.schema.json). The cloud credential blocks are typed loosely: their shape is the CRD's,
 * which the cluster validates.
 */
type StringMap = Record<string, string>;
type Obj = Record<string, unknown>;

export type ApiSchemaName = 'OpenAI' | 'Cohere' | 'AWSBedrock' | 'AzureOpenAI' | 'GCPVertexAI' | 'GCPAnthropic' | 'Anthropic' | 'AWSAnthropic';
export type AuthType = '' | 'APIKey' | 'AzureAPIKey' | 'AnthropicAPIKey' | 'AWSCredentials' | 'AzureCredentials' | 'GCPCredentials';
export type RateLimitUnit = 'Second' | 'Minute' | 'Hour' | 'Day' | 'Month' | 'Year';

export interface Backend {
  enabled?: boolean;
  schema: ApiSchemaName;
  prefix?: string;
  version?: string;
  /** the Backend's FQDN endpoint */
  hostname: string;
  port?: number;
  tls?: { enabled?: boolean; hostname?: string };
  auth?: {
    type?: AuthType;
    /** the Secret (key `apiKey`) of the three *APIKey types; the chart never creates it */
    secretName?: string;
    awsCredentials?: Obj;
    azureCredentials?: Obj;
    gcpCredentials?: Obj;
    credentialOverride?: Obj;
  };
  labels?: StringMap;
  annotations?: StringMap;
}

export interface ModelBackend {
  enabled?: boolean;
  /** 0 is tried first; higher numbers are fallbacks */
  priority?: number;
  weight?: number | null;
  modelNameOverride?: string;
}

export interface Retry {
  enabled?: boolean;
  numRetries?: number;
  numAttemptsPerPriority?: number;
  perRetry?: { timeout?: string; backOff?: { baseInterval?: string; maxInterval?: string } };
  retryOn?: { httpStatusCodes?: number[]; triggers?: string[] };
}

export interface Limit {
  limit: number;
  unit: RateLimitUnit;
}

export interface RateLimit {
  enabled?: boolean;
  clientHeader?: string;
  requests?: Limit | null;
  /** append-only: a rule's position is its counter's identity */
  tokens?: Limit[];
}

export interface Model {
  enabled?: boolean;
  /** the x-ai-eg-model value clients send; empty: the key */
  match?: string;
  modality?: 'text' | 'multimodal' | 'image' | 'audio' | 'embedding';
  backends: Record<string, ModelBackend>;
  timeout?: string;
  retry?: Retry;
  rateLimit?: RateLimit;
  labels?: StringMap;
  annotations?: StringMap;
}

export interface AiGatewayModelsValues {
  gateway?: { name?: string; namespace?: string; sectionName?: string };
  backends?: Record<string, Backend>;
  models?: Record<string, Model>;
  defaults?: {
    timeout?: string;
    minBackends?: number;
    llmRequestCosts?: { metadataKey: string; type: string; cel?: string }[];
    retry?: Retry;
    rateLimit?: RateLimit;
  };
}
