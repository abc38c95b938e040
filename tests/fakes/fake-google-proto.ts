/**
 * A small proto-JSON checker that rejects requests the way Google's ESF JSON parser does: unknown
 * field names, wrong value kinds, lists on singular fields, bad enum names, bad base64. Field names
 * are accepted in both proto (snake_case) and JSON (lowerCamelCase) spelling, like the real parser;
 * error paths use the proto names (`request.tools[0].function_declarations[2].parameters`).
 *
 * The message descriptors below follow UPSTREAM-PROTOCOL.md §4 (envelope, generationConfig list,
 * tool schemas without `$ref`/`$defs`/`default`/…), §7, §8, §9, §10. Written independently of the
 * gateway's schemas on purpose.
 */
import type { FieldViolation } from './fake-google-errors.js';

type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'float' | 'double' | 'bytes';

type FieldType =
  | { kind: 'scalar'; scalar: ScalarType }
  | { kind: 'message'; message: () => MessageDescriptor }
  | { kind: 'enum'; typeName: string; values: readonly string[] }
  /** google.protobuf.Struct: any JSON object. */
  | { kind: 'struct' }
  /** google.protobuf.Value: any JSON. */
  | { kind: 'value' };

interface FieldDescriptor {
  /** proto name (snake_case). */
  name: string;
  type: FieldType;
  repeated?: boolean;
  /** map<string, type> */
  map?: boolean;
  oneof?: string;
}

export interface MessageDescriptor {
  typeName: string;
  fields: FieldDescriptor[];
}

const MASTER = 'google.cloud.aiplatform.master';

const str: FieldType = { kind: 'scalar', scalar: 'string' };
const bool: FieldType = { kind: 'scalar', scalar: 'bool' };
const int32: FieldType = { kind: 'scalar', scalar: 'int32' };
const int64: FieldType = { kind: 'scalar', scalar: 'int64' };
const float: FieldType = { kind: 'scalar', scalar: 'float' };
const double: FieldType = { kind: 'scalar', scalar: 'double' };
const bytes: FieldType = { kind: 'scalar', scalar: 'bytes' };
const struct: FieldType = { kind: 'struct' };
const value: FieldType = { kind: 'value' };
const msg = (message: () => MessageDescriptor): FieldType => ({ kind: 'message', message });

function f(name: string, type: FieldType, extra: Partial<FieldDescriptor> = {}): FieldDescriptor {
  return { name, type, ...extra };
}

/** Vertex `Type` without NULL: Cloud Code rejects `"type": "null"` (e.g. in `anyOf`). Matched case-insensitively. */
export const SCHEMA_TYPE_ENUM: FieldType = {
  kind: 'enum',
  typeName: `${MASTER}.Type`,
  values: ['TYPE_UNSPECIFIED', 'STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT'],
};

/**
 * Tool `Schema`. Deliberately without `default`, `additional_properties`, `ref`/`$ref`, `defs`/`$defs`, `$schema`,
 * `$id`, `const`, `examples`, `property_names`, which Cloud Code rejects (§4, SPEC table).
 */
export const schemaDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.Schema`,
  fields: [
    f('type', SCHEMA_TYPE_ENUM),
    f('format', str),
    f('title', str),
    f('description', str),
    f('nullable', bool),
    f('items', msg(() => schemaDescriptor)),
    f('min_items', int64),
    f('max_items', int64),
    f('enum', str, { repeated: true }),
    f('properties', msg(() => schemaDescriptor), { map: true }),
    f('property_ordering', str, { repeated: true }),
    f('required', str, { repeated: true }),
    f('min_properties', int64),
    f('max_properties', int64),
    f('minimum', double),
    f('maximum', double),
    f('min_length', int64),
    f('max_length', int64),
    f('pattern', str),
    f('example', value),
    f('any_of', msg(() => schemaDescriptor), { repeated: true }),
  ],
};

const blobDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.Blob`,
  fields: [f('mime_type', str), f('data', bytes), f('display_name', str)],
};

const fileDataDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.FileData`,
  fields: [f('mime_type', str), f('file_uri', str), f('display_name', str)],
};

const functionCallDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.FunctionCall`,
  fields: [f('id', str), f('name', str), f('args', struct)],
};

const functionResponseDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.FunctionResponse`,
  fields: [f('id', str), f('name', str), f('response', struct), f('parts', value), f('will_continue', bool), f('scheduling', str)],
};

const executableCodeDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.ExecutableCode`,
  fields: [f('language', str), f('code', str)],
};

const codeExecutionResultDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.CodeExecutionResult`,
  fields: [f('outcome', str), f('output', str)],
};

const videoMetadataDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.VideoMetadata`,
  fields: [f('start_offset', str), f('end_offset', str), f('fps', double)],
};

const DATA = 'data';

export const partDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.Part`,
  fields: [
    f('text', str, { oneof: DATA }),
    f('inline_data', msg(() => blobDescriptor), { oneof: DATA }),
    f('file_data', msg(() => fileDataDescriptor), { oneof: DATA }),
    f('function_call', msg(() => functionCallDescriptor), { oneof: DATA }),
    f('function_response', msg(() => functionResponseDescriptor), { oneof: DATA }),
    f('executable_code', msg(() => executableCodeDescriptor), { oneof: DATA }),
    f('code_execution_result', msg(() => codeExecutionResultDescriptor), { oneof: DATA }),
    f('thought', bool),
    f('thought_signature', bytes),
    f('video_metadata', msg(() => videoMetadataDescriptor)),
    f('part_metadata', struct),
  ],
};

export const contentDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.Content`,
  fields: [f('role', str), f('parts', msg(() => partDescriptor), { repeated: true })],
};

const functionDeclarationDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.FunctionDeclaration`,
  fields: [
    f('name', str),
    f('description', str),
    f('parameters', msg(() => schemaDescriptor)),
    f('parameters_json_schema', value),
    f('response', msg(() => schemaDescriptor)),
    f('response_json_schema', value),
    f('behavior', str),
  ],
};

const toolDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.Tool`,
  fields: [
    f('function_declarations', msg(() => functionDeclarationDescriptor), { repeated: true }),
    f('retrieval', struct),
    f('google_search', struct),
    f('google_search_retrieval', struct),
    f('code_execution', struct),
    f('url_context', struct),
    f('enterprise_web_search', struct),
    f('google_maps', struct),
    f('computer_use', struct),
  ],
};

const functionCallingConfigDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.FunctionCallingConfig`,
  fields: [
    f('mode', {
      kind: 'enum',
      typeName: `${MASTER}.FunctionCallingConfig.Mode`,
      values: ['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'],
    }),
    f('allowed_function_names', str, { repeated: true }),
  ],
};

const toolConfigDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.ToolConfig`,
  fields: [f('function_calling_config', msg(() => functionCallingConfigDescriptor)), f('retrieval_config', struct)],
};

const safetySettingDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.SafetySetting`,
  fields: [f('category', str), f('threshold', str), f('method', str)],
};

const thinkingConfigDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.GenerationConfig.ThinkingConfig`,
  fields: [
    f('include_thoughts', bool),
    f('thinking_budget', int32),
    f('thinking_level', {
      kind: 'enum',
      typeName: `${MASTER}.GenerationConfig.ThinkingConfig.ThinkingLevel`,
      values: ['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'],
    }),
  ],
};

const generationConfigDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.GenerationConfig`,
  fields: [
    f('temperature', float),
    f('top_p', float),
    f('top_k', float),
    f('candidate_count', int32),
    f('max_output_tokens', int32),
    f('stop_sequences', str, { repeated: true }),
    f('response_logprobs', bool),
    f('logprobs', int32),
    f('presence_penalty', float),
    f('frequency_penalty', float),
    f('seed', int32),
    f('response_mime_type', str),
    f('response_schema', msg(() => schemaDescriptor)),
    f('response_json_schema', value),
    f('routing_config', struct),
    f('model_selection_config', struct),
    f('response_modalities', str, { repeated: true }),
    f('media_resolution', str),
    f('speech_config', struct),
    f('audio_timestamp', bool),
    f('thinking_config', msg(() => thinkingConfigDescriptor)),
    f('image_config', struct),
  ],
};

const generateRequestDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.GenerateContentRequest`,
  fields: [
    f('contents', msg(() => contentDescriptor), { repeated: true }),
    f('system_instruction', msg(() => contentDescriptor)),
    f('cached_content', str),
    f('tools', msg(() => toolDescriptor), { repeated: true }),
    f('tool_config', msg(() => toolConfigDescriptor)),
    f('labels', str, { map: true }),
    f('safety_settings', msg(() => safetySettingDescriptor), { repeated: true }),
    f('generation_config', msg(() => generationConfigDescriptor)),
    f('session_id', str),
  ],
};

const V1INTERNAL = 'google.internal.cloud.code.v1internal';

/** The Cloud Code envelope (§4): Antigravity's requestId/userAgent/requestType and GCC's user_prompt_id/enabled_credit_types. */
export const generateEnvelopeDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.GenerateContentRequest`,
  fields: [
    f('model', str),
    f('project', str),
    f('user_prompt_id', str),
    f('request', msg(() => generateRequestDescriptor)),
    f('request_id', str),
    f('user_agent', str),
    f('request_type', str),
    f('enabled_credit_types', str, { repeated: true }),
  ],
};

const countTokensRequestDescriptor: MessageDescriptor = {
  typeName: `${MASTER}.CountTokensRequest`,
  fields: [f('model', str), f('contents', msg(() => contentDescriptor), { repeated: true })],
};

export const countTokensEnvelopeDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.CountTokensRequest`,
  fields: [f('request', msg(() => countTokensRequestDescriptor)), f('project', str)],
};

const clientMetadataDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.ClientMetadata`,
  fields: [
    f('ide_type', str),
    f('ide_version', str),
    f('ide_name', str),
    f('plugin_version', str),
    f('platform', str),
    f('update_channel', str),
    f('duet_project', str),
    f('plugin_type', str),
  ],
};

export const loadCodeAssistDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.LoadCodeAssistRequest`,
  fields: [f('cloudaicompanion_project', str), f('metadata', msg(() => clientMetadataDescriptor)), f('mode', str)],
};

export const onboardUserDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.OnboardUserRequest`,
  fields: [f('tier_id', str), f('cloudaicompanion_project', str), f('metadata', msg(() => clientMetadataDescriptor))],
};

export const fetchAvailableModelsDescriptor: MessageDescriptor = {
  typeName: `${V1INTERNAL}.FetchAvailableModelsRequest`,
  fields: [f('project', str)],
};

// ---------------------------------------------------------------------------------------------

export function lowerCamel(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** How Google prints the offending value after "Invalid value at '…' (…), ". */
function show(input: unknown): string {
  return JSON.stringify(input) ?? String(input);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function at(path: string): string {
  return path ? ` at '${path}'` : '';
}

class Checker {
  readonly violations: FieldViolation[] = [];

  private invalidValue(path: string, typeLabel: string, shown: string): void {
    this.violations.push({ field: path, description: `Invalid value at '${path}' (${typeLabel}), ${shown}` });
  }

  private payload(path: string, text: string): void {
    this.violations.push({ field: path, description: `Invalid JSON payload received. ${text}` });
  }

  message(input: Record<string, unknown>, descriptor: MessageDescriptor, path: string): void {
    const oneofSet = new Map<string, string>();
    for (const [key, fieldValue] of Object.entries(input)) {
      const field = descriptor.fields.find((candidate) => candidate.name === key || lowerCamel(candidate.name) === key);
      if (!field) {
        this.payload(path, `Unknown name "${key}"${at(path)}: Cannot find field.`);
        continue;
      }
      if (fieldValue === null) continue; // null = the default value in proto JSON
      if (field.oneof) {
        const already = oneofSet.get(field.oneof);
        if (already !== undefined) {
          this.payload(path, `Oneof field '${field.oneof}' is already set. Cannot set '${key}'`);
          continue;
        }
        oneofSet.set(field.oneof, key);
      }
      const fieldPath = join(path, field.name);
      if (field.map) {
        if (!isPlainObject(fieldValue)) {
          if (Array.isArray(fieldValue)) this.payload(path, `Unknown name "${key}"${at(path)}: Proto field is not repeating, cannot start list.`);
          else this.invalidValue(fieldPath, typeLabel(field.type), show(fieldValue));
          continue;
        }
        Object.values(fieldValue).forEach((entry, index) => {
          if (entry !== null) this.single(entry, field.type, `${fieldPath}[${index}].value`, key, path);
        });
        continue;
      }
      if (field.repeated) {
        if (!Array.isArray(fieldValue)) {
          if (isPlainObject(fieldValue) && field.type.kind !== 'message') {
            this.payload(path, `Unknown name "${key}"${at(path)}: Starting an object on a scalar field`);
          } else {
            this.invalidValue(fieldPath, typeLabel(field.type), show(fieldValue));
          }
          continue;
        }
        fieldValue.forEach((entry, index) => {
          if (Array.isArray(entry) && field.type.kind !== 'value') {
            this.payload(path, `Unknown name "${key}"${at(path)}: Proto field is not repeating, cannot start list.`);
            return;
          }
          this.single(entry, field.type, `${fieldPath}[${index}]`, key, path);
        });
        continue;
      }
      if (Array.isArray(fieldValue) && field.type.kind !== 'value') {
        this.payload(path, `Unknown name "${key}"${at(path)}: Proto field is not repeating, cannot start list.`);
        continue;
      }
      this.single(fieldValue, field.type, fieldPath, key, path);
    }
  }

  private single(input: unknown, type: FieldType, path: string, key: string, parentPath: string): void {
    switch (type.kind) {
      case 'value':
        return;
      case 'struct':
        if (!isPlainObject(input)) this.invalidValue(path, 'type.googleapis.com/google.protobuf.Struct', show(input));
        return;
      case 'message': {
        const descriptor = type.message();
        if (!isPlainObject(input)) {
          this.invalidValue(path, `type.googleapis.com/${descriptor.typeName}`, show(input));
          return;
        }
        this.message(input, descriptor, path);
        return;
      }
      case 'enum': {
        const ok =
          (typeof input === 'string' && type.values.some((name) => name.toLowerCase() === input.toLowerCase())) ||
          (typeof input === 'number' && Number.isInteger(input) && input >= 0 && input < type.values.length);
        if (!ok) this.invalidValue(path, `type.googleapis.com/${type.typeName}`, show(input));
        return;
      }
      case 'scalar':
        if (isPlainObject(input)) {
          this.payload(parentPath, `Unknown name "${key}"${at(parentPath)}: Starting an object on a scalar field`);
          return;
        }
        this.scalar(input, type.scalar, path);
        return;
    }
  }

  private scalar(input: unknown, scalar: ScalarType, path: string): void {
    const label = `TYPE_${scalar.toUpperCase()}`;
    switch (scalar) {
      case 'string':
        if (typeof input !== 'string') this.invalidValue(path, label, show(input));
        return;
      case 'bool':
        if (typeof input !== 'boolean') this.invalidValue(path, label, show(input));
        return;
      case 'int32':
      case 'int64': {
        const ok =
          (typeof input === 'number' && Number.isInteger(input)) || (typeof input === 'string' && /^-?\d+$/.test(input));
        if (!ok) this.invalidValue(path, label, show(input));
        return;
      }
      case 'float':
      case 'double': {
        const ok =
          (typeof input === 'number' && Number.isFinite(input)) ||
          (typeof input === 'string' && (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(input) || ['NaN', 'Infinity', '-Infinity'].includes(input)));
        if (!ok) this.invalidValue(path, label, show(input));
        return;
      }
      case 'bytes':
        if (typeof input !== 'string') this.invalidValue(path, label, show(input));
        else if (!BASE64.test(input) || input.replace(/=+$/, '').length % 4 === 1) {
          this.invalidValue(path, label, `Base64 decoding failed for ${JSON.stringify(input)}`);
        }
        return;
    }
  }
}

function typeLabel(type: FieldType): string {
  switch (type.kind) {
    case 'scalar':
      return `TYPE_${type.scalar.toUpperCase()}`;
    case 'message':
      return `type.googleapis.com/${type.message().typeName}`;
    case 'enum':
      return `type.googleapis.com/${type.typeName}`;
    case 'struct':
      return 'type.googleapis.com/google.protobuf.Struct';
    case 'value':
      return 'type.googleapis.com/google.protobuf.Value';
  }
}

/**
 * Checks a parsed JSON body against a message descriptor. Returns the violations (empty when the payload parses),
 * in document order, each with the proto path as `field` and the full message as `description`.
 */
export function checkProtoJson(body: unknown, descriptor: MessageDescriptor, rootPath = ''): FieldViolation[] {
  const checker = new Checker();
  if (!isPlainObject(body)) {
    return [{ field: rootPath, description: 'Invalid JSON payload received. Expected an object.' }];
  }
  checker.message(body, descriptor, rootPath);
  return checker.violations;
}

/** Reads a field by proto name, accepting both spellings (the first one present wins). */
export function getField(input: unknown, protoName: string): unknown {
  if (!isPlainObject(input)) return undefined;
  const camel = lowerCamel(protoName);
  if (input[camel] !== undefined && input[camel] !== null) return input[camel];
  const snake = input[protoName];
  return snake === null ? undefined : snake;
}

export { isPlainObject };
