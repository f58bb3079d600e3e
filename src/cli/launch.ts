// `i386-lab` as installed (dist/cli.js): starts the command line's bundle (dist/cli-main.js,
// built from cli.ts) with V8's code cache, so that a run does not parse and compile the whole
// bundle again at every start (about a third of `i386-lab run hello`'s time before the guest's
// first instruction). The cache is made on this machine by the first run of a command and kept
// in the user cache folder (userCache.ts), one file per Node version and bundle (its size and
// time; the last few bundles' files are kept, so two installs used in turn keep theirs); `run`
// has a file of its own, so that it holds the functions a run compiles. V8 checks
// the data against the source and its own version and flags and rejects what does not match:
// then the bundle compiles as it would without a cache and the file is written again. Nothing
// the bundle does changes: it runs as the main module, with its own file name.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { EXIT } from './options';
import { userCacheDir } from './userCache';

/** The bundle beside this file. */
const BUNDLE = 'cli-main.js';

/** The cache file for this bundle, this Node and this command, or undefined without a cache folder. */
function cacheFile(bundle: string, command: string | undefined): string | undefined {
  const dir = userCacheDir();
  if (!dir) return undefined;
  try {
    const stat = fs.statSync(bundle);
    const which = command === 'run' ? 'run' : 'other';
    return path.join(
      dir,
      `cli-${which}-${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8cache`,
    );
  } catch {
    return undefined;
  }
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // not made yet, or unreadable: compile without it
  }
}

/**
 * Cache files kept per command: this bundle's and those of the other installs or builds used
 * most recently (an editor's copy beside a global install), so that starting one does not make
 * the others compile their bundle again; older ones are removed.
 */
const KEPT_PER_COMMAND = 4;

/** Removes the command's cache files beyond the KEPT_PER_COMMAND - 1 written last, besides `file`. */
function pruneCaches(dir: string, file: string): void {
  const prefix = path.basename(file).split('-').slice(0, 2).join('-') + '-';
  const others: { name: string; written: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.v8cache') || name === path.basename(file)) continue;
    try {
      others.push({ name, written: fs.statSync(path.join(dir, name)).mtimeMs });
    } catch {
      // removed meanwhile by another start
    }
  }
  others.sort((a, b) => b.written - a.written);
  for (const { name } of others.slice(KEPT_PER_COMMAND - 1)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Writes the code V8 now holds for `script`, and prunes the command's older files. */
function writeCache(file: string, script: vm.Script): void {
  try {
    const data = script.createCachedData();
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    pruneCaches(dir, file);
    // Written whole under a temporary name, then renamed: a reader never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    // a read-only or full cache folder: the next start compiles again
  }
}

function start(): void {
  const bundle = path.join(__dirname, BUNDLE);
  let source: string;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch (e) {
    process.stderr.write(
      `i386-lab: internal error: ${bundle} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the package is incomplete\n`,
    );
    process.exit(EXIT.INTERNAL);
  }
  const file = cacheFile(bundle, process.argv[2]);
  const cached = readCache(file);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  if (file && (cached === undefined || script.cachedDataRejected === true))
    process.on('exit', () => writeCache(file, script));
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: NodeJS.Module,
    filename: string,
    dirname: string,
  ) => void;
  // This module is the process's main module, and the bundle runs as it: `require.main === module`.
  wrapper.call(module.exports, module.exports, require, module, bundle, __dirname);
}

start();
