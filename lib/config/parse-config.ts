import { parseDocument } from "yaml";
import { z } from "zod";
import { CLUSTER_KINDS, clusterCommonSchema, clusterSchemaByKind, configSchema, topLevelSchema, type QueuewatchConfig } from "./schema";
import { closestMatch } from "./suggest-key";

/** A configuration file that cannot be used; the message names the file, and each field with its problem. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Path = readonly (string | number)[];

/** One thing wrong at one place of the file. */
export interface ConfigProblem {
  path: Path;
  message: string;
  /** the key itself is wrong (as opposed to its value) */
  unknownKey?: true;
}

/** Shown when there is nothing to watch: the smallest configuration that does something. */
export const EXAMPLE_CONFIG = `pollIntervalSeconds: 10
clusters:
  - id: local-kafka
    kind: kafka
    brokers: ["127.0.0.1:9092"]
  - id: local-rabbitmq
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: \${RABBITMQ_PASSWORD}`;

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` in every string value; a missing variable is a problem, not an empty secret. */
export function interpolateEnv(value: unknown, env: Record<string, string | undefined>, path: Path, missing: ConfigProblem[]): unknown {
  if (typeof value === "string") {
    return value.replace(ENV_REF, (_match, name: string) => {
      const resolved = env[name];
      if (resolved === undefined) {
        missing.push({ path, message: `environment variable ${name} is not set` });
        return "";
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnv(item, env, [...path, index], missing));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, [...path, key], missing)]),
    );
  }
  return value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

// --- keys a schema allows at a path, for "did you mean" ---------------------------------------------

type AnySchema = z.core.$ZodType;

/** The object schemas a value at this schema may be: wrappers removed, unions spread. */
function objectSchemasOf(schema: AnySchema): z.ZodObject[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return objectSchemasOf(schema.unwrap());
  if (schema instanceof z.ZodUnion) return (schema.options as AnySchema[]).flatMap(objectSchemasOf);
  if (schema instanceof z.ZodObject) return [schema];
  return [];
}

function elementSchemasOf(schema: AnySchema): AnySchema[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return elementSchemasOf(schema.unwrap());
  if (schema instanceof z.ZodUnion) return (schema.options as AnySchema[]).flatMap(elementSchemasOf);
  if (schema instanceof z.ZodArray) return [schema.element];
  return [];
}

/** Pure: the keys `schema` allows in the object at `path` (empty if none is known there). */
export function allowedKeysAt(schema: AnySchema, path: Path): string[] {
  let here: AnySchema[] = [schema];
  for (const part of path) {
    here = typeof part === "number"
      ? here.flatMap(elementSchemasOf)
      : here.flatMap(objectSchemasOf).flatMap((object) => (part in object.shape ? [object.shape[part] as AnySchema] : []));
  }
  return [...new Set(here.flatMap(objectSchemasOf).flatMap((object) => Object.keys(object.shape)))];
}

function unknownKeyProblem(path: Path, key: string, allowed: readonly string[]): ConfigProblem {
  const suggestion = closestMatch(key, allowed);
  const hint = suggestion ? `did you mean \`${suggestion}\`?` : `allowed here: ${allowed.join(", ")}`;
  return { path: [...path, key], message: `unknown key; ${hint}`, unknownKey: true };
}

/** zod issues of `schema` (which validated the value at `base`) as problems, with hints. */
function problemsOf(issues: readonly z.core.$ZodIssue[], schema: AnySchema, base: Path): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    const issuePath = issue.path.filter((part): part is string | number => typeof part !== "symbol");
    const path = [...base, ...issuePath];
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issuePath);
      return issue.keys.map((key) => unknownKeyProblem(path, key, allowed));
    }
    // A required value that is not there: say so, not "expected array, received undefined".
    if (issue.code === "invalid_type" && issue.input === undefined) return [{ path, message: `is missing (expected ${issue.expected})` }];
    return [{ path, message: issue.message }];
  });
}

// --- validation -------------------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const ALL_CLUSTER_KEYS = [...new Set(CLUSTER_KINDS.flatMap((kind) => Object.keys(clusterSchemaByKind[kind].shape)))];

/** Every problem of one cluster: its kind's schema when the kind is known, else the rules every kind shares. */
function clusterProblems(cluster: unknown, index: number): ConfigProblem[] {
  const base = ["clusters", index];
  if (!isRecord(cluster)) return [{ path: base, message: "must be a mapping with id, kind and the kind's settings" }];
  const declared = cluster.kind;
  if (typeof declared === "string" && declared in clusterSchemaByKind) {
    const schema = clusterSchemaByKind[declared as keyof typeof clusterSchemaByKind];
    const result = schema.safeParse(cluster, { reportInput: true });
    return result.success ? [] : problemsOf(result.error.issues, schema, base);
  }
  const suggestion = typeof declared === "string" ? closestMatch(declared, CLUSTER_KINDS) : null;
  const kindProblem: ConfigProblem = {
    path: [...base, "kind"],
    message: declared === undefined
      ? `is missing; one of ${CLUSTER_KINDS.join(", ")}`
      : `must be one of ${CLUSTER_KINDS.join(", ")}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
  };
  const common = clusterCommonSchema.safeParse(cluster, { reportInput: true });
  // Without a kind, a key is surely wrong only if no kind allows it.
  const unknown = Object.keys(cluster).filter((key) => !ALL_CLUSTER_KEYS.includes(key)).map((key) => unknownKeyProblem(base, key, ALL_CLUSTER_KEYS));
  return [kindProblem, ...(common.success ? [] : problemsOf(common.error.issues, clusterCommonSchema, base)), ...unknown];
}

function duplicateIdProblems(clusters: readonly unknown[]): ConfigProblem[] {
  const seen = new Set<string>();
  return clusters.flatMap((cluster, index): ConfigProblem[] => {
    const id = isRecord(cluster) ? cluster.id : undefined;
    if (typeof id !== "string") return [];
    if (seen.has(id)) return [{ path: ["clusters", index, "id"], message: `duplicate cluster id "${id}"` }];
    seen.add(id);
    return [];
  });
}

const NO_CLUSTERS = "no clusters configured: Queuewatch needs at least one to watch";

const under = (path: Path, prefix: Path): boolean => prefix.length <= path.length && prefix.every((part, i) => path[i] === part);

/** Pure: every problem of a configuration value (after ${ENV} substitution) at once. */
export function configProblems(value: unknown): ConfigProblem[] {
  // `clusters:` with nothing after it is "no clusters", not "expected array, received null".
  const top = topLevelSchema.safeParse(isRecord(value) && value.clusters === null ? { ...value, clusters: undefined } : value, { reportInput: true });
  const problems = top.success ? [] : problemsOf(top.error.issues, topLevelSchema, []);
  const clusters = isRecord(value) && Array.isArray(value.clusters) ? value.clusters : [];
  if (isRecord(value) && (Array.isArray(value.clusters) ? clusters.length === 0 : value.clusters === undefined || value.clusters === null)) {
    problems.push({ path: ["clusters"], message: NO_CLUSTERS });
  }
  problems.push(...clusters.flatMap(clusterProblems), ...duplicateIdProblems(clusters));
  return problems;
}

function describeProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((problem) => `  - ${formatPath(problem.path)}: ${problem.message}`).join("\n");
}

const indent = (text: string): string => text.split("\n").map((line) => `    ${line}`).join("\n");

/** Parses and validates YAML text, reporting every problem at once. Pure: the file name is only used in messages. */
export function parseConfig(text: string, fileName: string, env: Record<string, string | undefined>): QueuewatchConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(`${fileName}: invalid YAML:\n${document.errors.map((error) => `  - ${error.message.split("\n")[0]}`).join("\n")}`);
  }
  const raw: unknown = document.toJS();
  if (raw === null || raw === undefined || (isRecord(raw) && Object.keys(raw).length === 0)) {
    throw new ConfigError(`${fileName}: the configuration is empty. A minimal one watches the local Kafka and RabbitMQ:\n${indent(EXAMPLE_CONFIG)}`);
  }
  const missing: ConfigProblem[] = [];
  const interpolated = interpolateEnv(raw, env, [], missing);
  // A value whose variable is unset is reported as that, not also as an invalid value.
  const problems = [...missing, ...configProblems(interpolated).filter((problem) => problem.unknownKey || !missing.some((m) => under(problem.path, m.path)))];
  if (problems.length > 0) {
    const noClusters = problems.some((problem) => problem.message === NO_CLUSTERS);
    const example = noClusters ? `\nFor example:\n${indent(EXAMPLE_CONFIG)}` : "";
    throw new ConfigError(`${fileName}: invalid configuration:\n${describeProblems(problems)}${example}`);
  }
  const result = configSchema.safeParse(interpolated);
  if (!result.success) throw new ConfigError(`${fileName}: invalid configuration:\n${describeProblems(problemsOf(result.error.issues, configSchema, []))}`);
  return result.data;
}
