// Plain decisions behind F5 and "i386: Run program", kept out of the vscode-facing files so
// they can be tested: what configuration F5 uses without a launch.json, and which
// `i386-lab run` command line runs a program without debugging.

import { findModel, MODEL_IDS, type ModelId } from '../isa/models';
import { declaresLinuxStart } from '../asm/executable';
import { usesKernelAbi } from './language/programCheck';
import { readProgramSettings } from '../debugcore/programSettings';

export interface DebugConfig {
  type?: string;
  request?: string;
  name?: string;
  [key: string]: unknown;
}

export type Resolved = { ok: true; config: DebugConfig } | { ok: false; message: string };

/**
 * A program that includes abi.inc talks to the kernel, and so does a Linux program (`global
 * _start`, built into an ELF executable for the kernel's Linux personality); anything else
 * runs bare.
 */
export function modeFor(source: string): 'kernel' | 'bare' {
  return usesKernelAbi(source) || declaresLinuxStart(source) ? 'kernel' : 'bare';
}

/**
 * F5 without launch.json arrives as an empty configuration: debug the active assembly file,
 * under the kernel when it includes abi.inc, bare otherwise, stopping on entry. A
 * configuration without `cpu` takes the model chosen with "i386: Select CPU model".
 */
export function resolveDebugConfig(
  config: DebugConfig,
  active: { path: string; languageId: string; text: string } | undefined,
  selectedModel: string,
  readText: (path: string) => string | undefined = () => undefined,
): Resolved {
  let resolved = { ...config };
  if (!resolved.type && !resolved.request && !resolved.name) {
    if (!active || active.languageId !== 'i386-asm') {
      return {
        ok: false,
        message: 'Open an assembly file (.asm) to debug it, or add an i386 configuration to launch.json.',
      };
    }
    const base = active.path.slice(Math.max(active.path.lastIndexOf('/'), active.path.lastIndexOf('\\')) + 1);
    resolved = {
      type: 'i386',
      request: 'launch',
      name: `Debug ${base}`,
      program: '${file}',
      mode: modeFor(active.text),
      stopOnEntry: true,
    };
  }
  if (resolved.program === undefined || resolved.program === '') {
    return {
      ok: false,
      message:
        'The i386 launch configuration has no \'program\': set it to an .asm, .bin or ELF file (for example "${file}").',
    };
  }
  // The program's header comment (`; i386-lab: --cpu athlon`) wins over the selected model:
  // the debugger applies it, so the model is filled in only when the header has none.
  const program = String(resolved.program);
  const text =
    active && (program === '${file}' || program === active.path)
      ? active.text
      : program.includes('${')
        ? undefined
        : readText(program);
  const headerCpu = text !== undefined ? readProgramSettings(text).settings.cpu : undefined;
  if (resolved.cpu === undefined && headerCpu === undefined)
    resolved.cpu = findModel(selectedModel) ? selectedModel : 'pentium-ii';
  return { ok: true, config: resolved };
}

/** The launch.json configuration for one program: under the kernel when it includes abi.inc. */
function configFor(program: string, base: string, mode: 'kernel' | 'bare'): DebugConfig {
  return mode === 'kernel'
    ? {
        type: 'i386',
        request: 'launch',
        name: `Debug ${base} under the kernel`,
        program,
        mode: 'kernel',
        stopOnEntry: true,
      }
    : { type: 'i386', request: 'launch', name: `Debug ${base} (bare)`, program, mode: 'bare', stopOnEntry: true };
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/**
 * "create a launch.json file": with an assembly program open, one configuration for it by
 * name (so F5 works from launch.json itself), in the mode its source asks for; without one,
 * a kernel and a bare configuration for the active file.
 */
export function initialConfigurations(
  active: { relativePath: string; languageId: string; text: string } | undefined,
): DebugConfig[] {
  if (active && active.languageId === 'i386-asm' && isProgramPath(active.relativePath)) {
    return [
      configFor(
        `\${workspaceFolder}/${active.relativePath.replace(/\\/g, '/')}`,
        baseName(active.relativePath),
        modeFor(active.text),
      ),
    ];
  }
  return [configFor('${file}', 'the active program', 'kernel'), configFor('${file}', 'the active program', 'bare')];
}

/** An assembly program (not an include file). */
function isProgramPath(p: string): boolean {
  return /\.(asm|nasm|s)$/i.test(p);
}

/** Files that are certainly not programs: what `${file}` names when launch.json or notes are active. */
const NOT_PROGRAMS = /\.(json|jsonc|md|txt|inc|c|h|ts|js|py|log|yaml|yml|xml|html|css)$/i;

/**
 * After variables are substituted: the program must be something the adapter can load. An
 * .asm program without `mode` gets the mode its source asks for (`readText` reads it).
 */
export function checkProgramConfig(config: DebugConfig, readText: (path: string) => string | undefined): Resolved {
  const program = typeof config.program === 'string' ? config.program : '';
  const name = baseName(program);
  if (NOT_PROGRAMS.test(program)) {
    const what = /\.inc$/i.test(program)
      ? 'an include file'
      : /\.jsonc?$/i.test(program)
        ? 'a JSON file'
        : 'not an assembly program';
    return {
      ok: false,
      message: `Cannot debug ${name}: it is ${what}. Open the .asm program and press F5 again, or set "program" in launch.json to it (for example "\${workspaceFolder}/hello.asm").`,
    };
  }
  if (config.mode === undefined && isProgramPath(program)) {
    const text = readText(program);
    if (text !== undefined) return { ok: true, config: { ...config, mode: modeFor(text) } };
  }
  return { ok: true, config };
}

export interface RunPlan {
  /** Arguments after `node dist/cli.js`. */
  args: string[];
  /** A flat image to write before running (bare programs are assembled by the extension). */
  image?: { path: string; bytes: Uint8Array };
}

/**
 * The `i386-lab run` command line for a program (docs/ARCHITECTURE.md, "Contracts"). A kernel program is
 * passed as it is; a bare program is assembled here, written to `imagePath`, and run with
 * `--bare` at its org, entered at `_start`/`start` when defined (as the debugger does).
 */
export function runPlan(
  program: { path: string; text: string },
  assembled: {
    ok: boolean;
    bytes?: Uint8Array;
    origin: number;
    symbols: { name: string; address: number; kind: string }[];
  },
  model: string,
  maxInstructions: number,
  imagePath: string,
): RunPlan | { error: string } {
  // The program's header comment (`; i386-lab: --cpu athlon`) wins over the selected model; in
  // kernel mode `run` reads the header itself (and reports it), so no --cpu is passed then.
  const headerCpu = readProgramSettings(program.text).settings.cpu;
  const cpu = headerCpu ?? ((MODEL_IDS as readonly string[]).includes(model) ? (model as ModelId) : 'pentium-ii');
  const limit = ['--max-instructions', String(Math.max(1, Math.floor(maxInstructions)))];
  if (modeFor(program.text) === 'kernel')
    return { args: ['run', program.path, ...(headerCpu ? [] : ['--cpu', cpu]), ...limit] };
  if (!assembled.ok || !assembled.bytes) return { error: `${program.path} does not assemble: see the Problems view` };
  const entry = assembled.symbols.find((s) => s.kind === 'label' && (s.name === '_start' || s.name === 'start'));
  const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
  return {
    args: [
      'run',
      '--bare',
      imagePath,
      '--load-at',
      hex(assembled.origin),
      '--entry',
      hex(entry ? entry.address : assembled.origin),
      '--cpu',
      cpu,
      ...limit,
    ],
    image: { path: imagePath, bytes: assembled.bytes },
  };
}
