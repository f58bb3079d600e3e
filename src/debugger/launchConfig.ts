// The launch attributes of debug type `i386` (README, "Launch attributes"), validated one by one: a bad
// attribute gets an error naming the attribute and the values it allows. The same facts are
// documented in package.json's configurationAttributes.

import { MODELS, type ModelId } from '../isa/models';
import { readProgramSettings, settingsText, type ProgramSettings } from '../debugcore/programSettings';

export const MODES = ['kernel', 'bare'] as const;
export const DISCOVERIES = ['lock-nop', 'shared-page'] as const;
export const MECHANISMS = ['auto', 'int', 'callgate', 'sysenter', 'syscall'] as const;
export const TRACES = ['syscalls', 'traps', 'ports'] as const;

export interface LaunchConfig {
  program: string;
  mode: (typeof MODES)[number];
  cpu: ModelId;
  discovery: (typeof DISCOVERIES)[number];
  mechanism: (typeof MECHANISMS)[number];
  stopOnEntry: boolean;
  stopOnKernelEntry: boolean;
  /** RAM; undefined: the default for the program (programLoad.ts defaultMemoryMB). */
  memoryMB: number | undefined;
  trace: (typeof TRACES)[number][];
  args: string[];
  /** Where a flat .bin is loaded in bare mode. */
  loadAddress: number;
  /** Reverse-execution history in instructions; 0 turns reverse execution off. */
  history: number;
  /** Kernel mode: the boot seed (the KIP address and the timing follow from it); random when undefined. */
  seed: number | undefined;
  /** A Linux program's environment settings, over the host's environment unless clearEnv. */
  env: Record<string, string>;
  clearEnv: boolean;
  /** Kernel mode: a file whose contents are the program's standard input (empty input when undefined). */
  stdin: string | undefined;
  /** Kernel mode: a host folder as the guest's `/` (docs/HOSTIO.md), writable with fsRw. */
  fs: { dir: string; writable: boolean } | undefined;
}

export const DEFAULT_MODEL: ModelId = 'pentium-ii';

export type Validated = { ok: true; config: LaunchConfig } | { ok: false; message: string };

function oneOf<T extends string>(
  errors: string[],
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors.push(
    `launch attribute '${name}' is ${JSON.stringify(value)}; allowed values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
  );
  return fallback;
}

function bool(errors: string[], name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  errors.push(`launch attribute '${name}' is ${JSON.stringify(value)}; allowed values: true, false`);
  return fallback;
}

function address(errors: string[], name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) return n;
  errors.push(
    `launch attribute '${name}' is ${JSON.stringify(value)}; allowed values: an address 0..0xffffffff (number or "0x..." string)`,
  );
  return fallback;
}

export function validateLaunch(raw: Record<string, unknown>): Validated {
  const errors: string[] = [];
  const program = raw.program;
  if (typeof program !== 'string' || program.trim() === '') {
    errors.push(
      `launch attribute 'program' is ${program === undefined ? 'missing' : JSON.stringify(program)}; allowed values: a path to an .asm source, a flat .bin image or an ELF32 executable`,
    );
  }
  const modelIds = MODELS.map((m) => m.id);
  const mode = oneOf(errors, 'mode', raw.mode, MODES, 'kernel');
  const cpu = oneOf<ModelId>(errors, 'cpu', raw.cpu, modelIds, DEFAULT_MODEL);
  const discovery = oneOf(errors, 'discovery', raw.discovery, DISCOVERIES, 'lock-nop');
  const mechanism = oneOf(errors, 'mechanism', raw.mechanism, MECHANISMS, 'auto');
  const stopOnEntry = bool(errors, 'stopOnEntry', raw.stopOnEntry, false);
  const stopOnKernelEntry = bool(errors, 'stopOnKernelEntry', raw.stopOnKernelEntry, false);
  let memoryMB: number | undefined;
  if (raw.memoryMB !== undefined) {
    if (typeof raw.memoryMB === 'number' && Number.isInteger(raw.memoryMB) && raw.memoryMB >= 2 && raw.memoryMB <= 1024)
      memoryMB = raw.memoryMB;
    else
      errors.push(
        `launch attribute 'memoryMB' is ${JSON.stringify(raw.memoryMB)}; allowed values: a whole number of MiB from 2 to 1024`,
      );
  }
  let trace: LaunchConfig['trace'] = [];
  if (raw.trace !== undefined) {
    const list = typeof raw.trace === 'string' ? [raw.trace] : raw.trace;
    if (Array.isArray(list) && list.every((t) => (TRACES as readonly unknown[]).includes(t)))
      trace = list as LaunchConfig['trace'];
    else
      errors.push(
        `launch attribute 'trace' is ${JSON.stringify(raw.trace)}; allowed values: an array of ${TRACES.map((t) => `"${t}"`).join(', ')}`,
      );
  }
  let args: string[] = [];
  if (raw.args !== undefined) {
    if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) args = raw.args as string[];
    else errors.push(`launch attribute 'args' is ${JSON.stringify(raw.args)}; allowed values: an array of strings`);
  }
  const loadAddress = address(errors, 'loadAddress', raw.loadAddress, 0x100000);
  let history = 100_000_000;
  if (raw.history !== undefined) {
    if (
      typeof raw.history === 'number' &&
      Number.isInteger(raw.history) &&
      raw.history >= 0 &&
      raw.history <= 10_000_000_000
    )
      history = raw.history;
    else
      errors.push(
        `launch attribute 'history' is ${JSON.stringify(raw.history)}; allowed values: a number of instructions from 0 (reverse execution off) to 10000000000`,
      );
  }
  let seed: number | undefined;
  if (raw.seed !== undefined) {
    const n =
      typeof raw.seed === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(raw.seed.trim()) ? Number(raw.seed.trim()) : raw.seed;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) seed = n;
    else
      errors.push(
        `launch attribute 'seed' is ${JSON.stringify(raw.seed)}; allowed values: a number from 0 to 0xffffffff (number or "0x..." string)`,
      );
  }
  const host = hostAttributes(errors, raw);
  if (errors.length > 0) return { ok: false, message: errors.join('\n') };
  return {
    ok: true,
    config: {
      program: program as string,
      mode,
      cpu,
      discovery,
      mechanism,
      stopOnEntry,
      stopOnKernelEntry,
      memoryMB,
      trace,
      args,
      loadAddress,
      history,
      seed,
      ...host,
    },
  };
}

/** The attributes of the program's connection to the host: environment, stdin, a mapped folder. */
function hostAttributes(
  errors: string[],
  raw: Record<string, unknown>,
): Pick<LaunchConfig, 'env' | 'clearEnv' | 'stdin' | 'fs'> {
  const env: Record<string, string> = {};
  if (raw.env !== undefined) {
    const entries = isPlainObject(raw.env) ? Object.entries(raw.env) : undefined;
    const bad = entries?.find(([name, value]) => name === '' || name.includes('=') || typeof value !== 'string');
    if (!entries || bad)
      errors.push(
        `launch attribute 'env' is ${JSON.stringify(raw.env)}; allowed values: an object of "NAME": "VALUE" strings (NAME not empty, without '=')`,
      );
    else for (const [name, value] of entries) env[name] = value as string;
  }
  const clearEnv = bool(errors, 'clearEnv', raw.clearEnv, false);
  const path = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    errors.push(`launch attribute '${name}' is ${JSON.stringify(value)}; allowed values: a path (string)`);
    return undefined;
  };
  const stdin = path('stdin');
  const ro = path('fs');
  const rw = path('fsRw');
  if (ro !== undefined && rw !== undefined)
    errors.push(
      `launch attributes 'fs' and 'fsRw' exclude each other: give one folder, read-only (fs) or writable (fsRw)`,
    );
  const dir = rw ?? ro;
  return { env, clearEnv, stdin, fs: dir !== undefined ? { dir, writable: rw !== undefined } : undefined };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The program's header comment (`; i386-lab: --discovery shared-page`, debugcore/
 * programSettings.ts) under the launch attributes: each setting fills its attribute when the
 * configuration does not give it. Returns the attributes to validate and what the header set,
 * as flags for the Debug Console, or the header's first problem.
 */
export function withProgramHeader(
  raw: Record<string, unknown>,
  source: string | undefined,
): { raw: Record<string, unknown>; applied?: string; line?: number } | { error: string } {
  if (source === undefined) return { raw };
  const header = readProgramSettings(source);
  if (header.problems.length > 0) return { error: `the program's i386-lab: comment, line ${header.problems[0]}` };
  const applied: ProgramSettings = {};
  const out = { ...raw };
  for (const [key, value] of Object.entries(header.settings) as [keyof ProgramSettings, never][]) {
    if (out[key] !== undefined) continue;
    out[key] = value;
    applied[key] = value;
  }
  const text = settingsText(applied);
  return { raw: out, applied: text || undefined, line: header.line };
}
