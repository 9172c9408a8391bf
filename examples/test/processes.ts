/**
 * The examples run as users run them: `node examples/...` in a child process, from the repository root,
 * importing the built packages. Every process started here is killed by `killAll` (call it in afterEach).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; fails naming it after `ms`. */
  output(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code; fails after `ms`. */
  exit(ms?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Runs `node <script> <args>` from the repository root, with no INTENTCAST_* variables of the caller's. */
export function run(script: string, args: readonly string[], env: Record<string, string> = {}): Running {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INTENTCAST_') && name !== 'NO_COLOR'),
  );
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  const describe = () => `\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async output(pattern, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = stdout.match(pattern);
        if (match !== null) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`${script} did not print ${pattern}${describe()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async exit(ms = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${script} did not exit within ${ms} ms${describe()}`)),
          ms,
        );
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Kills every process still running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Temporary directories, deleted by `removeAll`. */
const dirs: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `intentcast-${prefix}-`));
  dirs.push(dir);
  return dir;
}

export async function removeAll(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** The lines of `text` that start with `label`, without it. */
export function lines(text: string, label: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${label} `))
    .map((line) => line.slice(label.length).trim());
}
