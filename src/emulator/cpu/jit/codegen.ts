// The one place the emulator turns generated source into functions (`new Function`). A host
// whose content security policy forbids it (no 'unsafe-eval'), or a caller that turns code
// generation off (setCodeGeneration(false), MachineOptions.compileBlocks = false), gets null
// back, and the callers fall back to closures built without source text: the interpreter
// then runs every instruction through its handler.

let allowed = true;
let probed = false;

/** Turns run-time code generation on or off for every machine of this process. */
export function setCodeGeneration(on: boolean): void {
  allowed = on;
  probed = !on;
}

/** Whether source can be compiled here: allowed, and the host lets `new Function` run. */
export function codeGenerationAvailable(): boolean {
  if (!allowed) return false;
  if (!probed) {
    probed = true;
    try {
      allowed = new Function('return 1')() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

/**
 * `new Function(...params, body)` when code generation is available, else null. A syntax
 * error in generated source is a defect of the generator and is thrown as such.
 */
export function compileSource(params: readonly string[], body: string): ((...args: unknown[]) => unknown) | null {
  if (!codeGenerationAvailable()) return null;
  try {
    return new Function(...params, body) as (...args: unknown[]) => unknown;
  } catch (e) {
    if (e instanceof EvalError) {
      allowed = false;
      return null;
    }
    throw e;
  }
}
