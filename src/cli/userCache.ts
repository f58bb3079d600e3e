// The per-user cache folder of the command line: $I386_LAB_CACHE, else $XDG_CACHE_HOME/i386-lab,
// else ~/.cache/i386-lab. What is kept there is made on this machine (never downloaded) and
// checked before use; a folder that cannot be written is skipped.
import * as os from 'node:os';
import * as path from 'node:path';

/** The user cache folder, or undefined when there is no home to put it in. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.I386_LAB_CACHE) return env.I386_LAB_CACHE;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'i386-lab');
  const home = env.HOME ?? os.homedir();
  return home ? path.join(home, '.cache', 'i386-lab') : undefined;
}
