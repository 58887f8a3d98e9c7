// Arguments a command does not take are refused, not silently ignored (`ecr-lab lessons 3`), and
// so are options given an empty value (`--repo ''`).
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

async function parse(args: readonly string[]): Promise<{ ran?: string; error?: CommanderError }> {
  let ran: string | undefined;
  const program = buildProgram(async (name) => { ran = name; });
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => undefined });
  try {
    await program.parseAsync(['node', 'ecr-lab', ...args]);
    return { ran };
  } catch (err) {
    if (err instanceof CommanderError) return { error: err };
    throw err;
  }
}

describe('arguments a command does not take', () => {
  it.each([
    [['lessons', 'extra']],
    [['progress', '3']],
    [['doctor', 'now']],
    [['check-content', 'lessons/']],
    [['notes', 'seminar']],
    [['clock', 'show', 'extra']],
    [['read', '1', '2']],
    [['fault', 'on', 'throttled', 'extra']],
  ])('%j is a usage error', async (args) => {
    const r = await parse(args);
    expect(r.ran).toBeUndefined();
    expect(r.error?.code).toBe('commander.excessArguments');
  });

  it.each([
    [['lessons'], 'lessons'],
    [['explain', 'no', 'basic', 'auth', 'credentials'], 'explain'],
    [['run', 'whoami', 'login'], 'run'],
    [['clock', '-1h'], 'clock'],
    [['fault', 'on', 'throttled'], 'fault'],
  ])('%j still runs', async (args, name) => {
    expect((await parse(args)).ran).toBe(name);
  });
});

describe('an option given an empty value', () => {
  it.each([
    [['run', 'whoami', '--repo', ''], '--repo'],
    [['run', 'whoami', '--region', ''], '--region'],
    [['run', 'whoami', '--tag=', '--repo', 'ecr-lab/demo'], '--tag'],
    [['policy', '--account', ''], '--account'],
    [['serve', '--host', ''], '--host'],
    [['--region', ''], '--region'],
  ])('%j is a usage error naming the option', async (args, option) => {
    const r = await parse(args);
    expect(r.ran).toBeUndefined();
    expect(r.error?.code).toBe('ecrlab.emptyOptionValue');
    expect(r.error?.exitCode).toBe(2);
    expect(r.error?.message).toBe(`error: ${option} needs a value, not an empty one`);
  });

  it.each([
    [['run', 'whoami', '--repo', 'ecr-lab/demo', '--region', 'us-east-1'], 'run'],
    [['policy', '--account', '123456789012'], 'policy'],
  ])('%j with values still runs', async (args, name) => {
    expect((await parse(args)).ran).toBe(name);
  });
});
