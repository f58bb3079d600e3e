// A real VS Code for the end-to-end test (/work/shared/REAL-VSCODE.md): code-server from the
// npm registry and Debian's Chromium driven by playwright-core, installed once into a cache
// outside the repository. Every process started here is stopped by its id.

import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const CACHE = process.env.I386_LAB_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'i386-lab-e2e');
const CODE_SERVER_VERSION = '4.100.3';
const INSTALL_DIR = path.join(CACHE, 'cs');
const CODE_SERVER = path.join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';

function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  return execFileSync(file, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    timeout: options.timeout ?? 600_000,
  });
}

/**
 * Installs what is missing (Debian packages only as root) and answers why the editor cannot
 * run, or undefined when it can.
 */
export function ensureEditor(log: (line: string) => void): string | undefined {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync('/usr/bin/rg')) {
    if (process.getuid?.() !== 0)
      return `${CHROMIUM} or /usr/bin/rg is missing and installing them needs root (apt-get install chromium ripgrep libkrb5-dev)`;
    try {
      log('apt-get install chromium ripgrep libkrb5-dev');
      run('apt-get', ['install', '-y', 'chromium', 'ripgrep', 'libkrb5-dev'], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (e) {
      return `apt-get install chromium ripgrep libkrb5-dev failed: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(INSTALL_DIR, 'node_modules', 'playwright-core'))) {
    // @vscode/ripgrep downloads rg from GitHub at install: give it Debian's rg through its cache.
    const tmp = path.join(CACHE, 'tmp');
    const rgCache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
    fs.mkdirSync(rgCache, { recursive: true });
    fs.mkdirSync(path.join(tmp, 'rgpkg'), { recursive: true });
    fs.copyFileSync('/usr/bin/rg', path.join(tmp, 'rgpkg', 'rg'));
    try {
      run('tar', [
        'czf',
        path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
        '-C',
        path.join(tmp, 'rgpkg'),
        'rg',
      ]);
      log(`npm install code-server@${CODE_SERVER_VERSION} playwright-core into ${INSTALL_DIR}`);
      run(
        'npm',
        [
          'install',
          '--prefix',
          INSTALL_DIR,
          `code-server@${CODE_SERVER_VERSION}`,
          'playwright-core',
          '--foreground-scripts',
          '--no-audit',
          '--no-fund',
        ],
        {
          // As root npm drops privileges for install scripts unless told not to.
          env: {
            ...process.env,
            TMPDIR: tmp,
            npm_config_yes: 'true',
            ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
          },
        },
      );
    } catch (e) {
      return `installing code-server into ${INSTALL_DIR} failed: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  if (!fs.existsSync(CODE_SERVER)) return `code-server did not install into ${INSTALL_DIR}`;
  return undefined;
}

/** playwright-core from the cache (not a dependency of the project). */
export function playwright(): { chromium: PlaywrightChromium } {
  // A run-time path outside node_modules: only require() can load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(INSTALL_DIR, 'node_modules', 'playwright-core')) as { chromium: PlaywrightChromium };
}

// The parts of playwright-core's API the test uses.
export interface Locator {
  click(options?: { button?: 'left' | 'right'; timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  isVisible(): Promise<boolean>;
  waitFor(options?: { state?: 'visible' | 'attached' | 'detached' | 'hidden'; timeout?: number }): Promise<void>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  innerText(options?: { timeout?: number }): Promise<string>;
  first(): Locator;
  filter(options: { hasText: string | RegExp }): Locator;
  count(): Promise<number>;
  allInnerTexts(): Promise<string[]>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
}
export interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp; hasNotText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  /** Waits until a script run in the page (a string, so the test needs no DOM types) is truthy. */
  waitForFunction(script: string, arg?: unknown, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  evaluate(script: string): Promise<unknown>;
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  pages(): Page[];
  close(): Promise<void>;
}
export interface PlaywrightChromium {
  launchPersistentContext(dir: string, options: Record<string, unknown>): Promise<BrowserContext>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Every descendant of `pid` (children first found through /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export class CodeServer {
  readonly userData: string;
  readonly extensions: string;
  private readonly config: string;
  private process: ChildProcess | undefined;
  port = 0;
  readonly output: string[] = [];

  constructor(readonly root: string) {
    this.userData = path.join(root, 'user-data');
    this.extensions = path.join(root, 'extensions');
    this.config = path.join(root, 'config.yaml');
    fs.mkdirSync(path.join(this.userData, 'User'), { recursive: true });
    // Inline adapter, no restored editors or welcome page in the way.
    fs.writeFileSync(
      path.join(this.userData, 'User', 'settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'telemetry.telemetryLevel': 'off',
          'security.workspace.trust.enabled': false,
          'debug.openDebug': 'openOnDebugBreak',
          'window.restoreWindows': 'none',
        },
        null,
        2,
      ),
    );
  }

  installExtension(vsix: string): string {
    return run(
      CODE_SERVER,
      [
        '--config',
        this.config,
        '--user-data-dir',
        this.userData,
        '--extensions-dir',
        this.extensions,
        '--install-extension',
        vsix,
      ],
      { timeout: 120_000 },
    );
  }

  async start(workspace: string): Promise<void> {
    this.port = await freePort();
    fs.writeFileSync(this.config, `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`);
    this.process = spawn(
      CODE_SERVER,
      [
        '--config',
        this.config,
        '--user-data-dir',
        this.userData,
        '--extensions-dir',
        this.extensions,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        workspace,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process.stdout!.setEncoding('utf8').on('data', (s: string) => this.output.push(s));
    this.process.stderr!.setEncoding('utf8').on('data', (s: string) => this.output.push(s));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null)
        throw new Error(`code-server exited with ${this.process.exitCode}:\n${this.output.join('')}`);
      if (await healthy(this.port)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`code-server did not answer /healthz within 60 s:\n${this.output.join('')}`);
  }

  /** Command lines of the processes code-server started (extension hosts, adapters). */
  childCommandLines(): string[] {
    const pid = this.process?.pid;
    if (!pid) return [];
    return descendants(pid).map((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        return '';
      }
    });
  }

  url(folder: string): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
  }

  /** Stops code-server and everything it started (extension hosts, adapters), by process id. */
  async stop(): Promise<number[]> {
    const p = this.process;
    if (!p?.pid || p.exitCode !== null) return [];
    const pids = [p.pid, ...descendants(p.pid)];
    for (const pid of pids.reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && pids.some((pid) => fs.existsSync(`/proc/${pid}`)))
      await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids) {
      if (!fs.existsSync(`/proc/${pid}`)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    return pids;
  }
}
