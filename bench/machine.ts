// The machine a benchmark ran on, for its JSON line and for docs/performance.md.
import { cpus, totalmem } from 'node:os';

export type Machine = { cpu: string; cores: number; ramGb: number; platform: string; node: string };

export function describeMachine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
  };
}
