import { UsageError } from './io.js';

export interface OptionSpec {
  /** Takes a value (`--drug x`) or is a flag (`--json`). */
  value?: boolean;
  /** May be repeated; values are collected. */
  multiple?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

/** Parses `--name value`, `--name=value` and flags; unknown options are usage errors, not ignored. */
export function parseArgs(argv: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options: ParsedArgs['options'] = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    let v: string | boolean = true;
    if (s.value) {
      if (eq !== -1) v = a.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        v = next;
        i++;
      }
    } else if (eq !== -1) throw new UsageError(`--${name} takes no value`);
    if (s.multiple) options[name] = [...((options[name] as string[] | undefined) ?? []), String(v)];
    else options[name] = v;
  }
  return { positionals, options };
}

export function stringOption(p: ParsedArgs, name: string): string | undefined {
  const v = p.options[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: ParsedArgs, name: string): boolean {
  return p.options[name] === true;
}

export function choiceOption<T extends string>(p: ParsedArgs, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const v = stringOption(p, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${v}"`);
  return v as T;
}

export function intOption(p: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = stringOption(p, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, not "${v}"`);
  return Number(v);
}
