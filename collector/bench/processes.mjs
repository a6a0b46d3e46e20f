// The processes of the benchmark: the two servers it measures, the load
// generator of each phase, and what /proc says about them. Every wait here
// has a deadline, and every process started here can be stopped from here.
import { execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const CLOCK_TICKS = clockTicks();

/**
 * Starts a server and resolves once it logs a JSON line with `msg` and `url`,
 * with its pid, url, child process and its last lines of output.
 */
export function startServer(name, args, env, readyMsg) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const remember = (line) => {
    log.push(line);
    if (log.length > 50) log.shift();
  };
  createInterface({ input: child.stderr }).on('line', remember);
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not log '${readyMsg}' within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS);
    function fail(reason) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} ${reason}:\n${log.join('\n')}`));
    }
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
    lines.on('line', (line) => {
      remember(line);
      const entry = parseJson(line);
      if (entry?.msg !== readyMsg || typeof entry.url !== 'string') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ name, pid: child.pid, url: entry.url, child, log });
    });
  });
}

/** Asks a server to stop, then kills it if it has not exited in time. */
export async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Runs one load phase in a child process; kills it past its deadline. */
export function runLoad(phase) {
  const child = fork(new URL('./load.mjs', import.meta.url), { stdio: 'inherit' });
  const deadline = (phase.seconds + 30) * 1000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load phase ${phase.runTag} did not finish within ${deadline} ms`));
    }, deadline);
    child.once('message', (answer) => {
      clearTimeout(timer);
      if (answer.error) reject(new Error(`load phase ${phase.runTag} failed: ${answer.error}`));
      else resolve(answer.summary);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load phase ${phase.runTag} exited with code ${code} before answering`));
    });
    child.send(phase);
  });
}

/** CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident and peak resident memory in bytes, from /proc/<pid>/status. */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
}

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function parseJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
