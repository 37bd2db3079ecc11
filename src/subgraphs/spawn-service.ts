import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The installed entry, as `npx city-population-gateway` runs it (with its shebang's V8 flag: see there). */
const BIN = fileURLToPath(new URL('../../bin/city-population-gateway.js', import.meta.url));
const NODE_FLAGS = ['--max-semi-space-size=64'];

export interface SubgraphServiceProcess {
  name: string;
  /** Its `/graphql`, as it printed it once listening. */
  url: string;
  child: ChildProcess;
  /** Sends `signal` (SIGTERM drains, SIGKILL is a crash) and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `city-population-gateway subgraph <name>` in its own process with `env` over this
 * process's environment, and resolves once it says where it listens (or rejects with everything
 * it wrote, if it exits or is silent for `timeoutMs`). For the split-topology test and the bench.
 */
export function spawnSubgraphService(name: string, env: Record<string, string>, timeoutMs = 100_000): Promise<SubgraphServiceProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'subgraph', name], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`subgraph ${name} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`subgraph ${name} exited (${code}) before listening:\n${output}`));
    };
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening at (http:\/\/\S+\/graphql)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Once it listens, what it writes is its logs' business: keep the pipes drained.
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({ name, url: match[1]!, child, stop });
    });
    child.once('exit', onExit);
  });
}
