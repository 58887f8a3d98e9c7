// The composition root and the one exit: parses arguments, runs one command, turns every
// failure into one line and an exit code. Two entries run it: main.ts (dist/main.js, every
// command) and main-script.ts (dist/cli.cjs, `run` with V8's code cache: see code-cache.ts).
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { fileErrorLine, helpPointer, UserError } from './errors.js';
import { asFileError } from '../state/file-error.js';
import { runCommand } from './commands/index.js';
import { applyNoColor } from './color-env.js';
import { takeEarlyFrame } from './early-frame.js';
import { takeEarlyInterrupt } from './early-interrupt.js';

// ecr-lab supports Node 20 on purpose; the SDK's notice about its own future Node 22
// requirement is not something a learner can act on mid-lesson.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

applyNoColor();

// `ecr-lab fault list | head`: a reader that stops early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

/** Runs the command `argv` names; `outcome.ran` says whether one ran (not only help or a usage error). */
export async function main(argv: readonly string[], outcome: { ran?: boolean } = {}): Promise<number> {
  let exitCode = 0;
  let errLine = '';
  // The command whose usage was wrong, for the help the line points at.
  let command: string | undefined;
  const program = buildProgram(async (name, args) => {
    command = name;
    outcome.ran = true;
    exitCode = await runCommand(name, args);
  });
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => { errLine += s; } });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    // A word that is no command reaches the default one (the TUI): its help is the program's.
    cmd.configureOutput({ writeErr: (s) => { errLine += s; command = /^error: unknown command/.test(s) ? undefined : cmd.name(); } });
  }
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      const line = errLine.trim().split('\n')[0]!.replace(/^error: /, '');
      process.stderr.write(`ecr-lab: ${line} ${helpPointer(command)}\n`);
      return 2;
    }
    if (err instanceof UserError) {
      // One line: our usage errors say what to give instead (commander's name the help above).
      process.stderr.write(`ecr-lab: ${err.message}${err.message.startsWith('unknown command') ? ` ${helpPointer()}` : ''}\n`);
      return err.exitCode;
    }
    if ((err as { code?: string }).code === 'ECRLAB_DATA_IN_USE') {
      process.stderr.write(`ecr-lab: ${(err as Error).message}\n`);
      return 1;
    }
    // A file in the way, a read-only or full disk: the user's to fix, said with the fix.
    const file = asFileError(err);
    if (file) {
      process.stderr.write(`ecr-lab: ${await fileErrorLine(file)}\n`);
      return 1;
    }
    const e = err as Error;
    process.stderr.write(`ecr-lab: unexpected error: ${e?.message ?? String(err)} (please report it)\n`);
    if (process.env.ECR_LAB_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return 70;
  } finally {
    // A kept frame bin/ecr-lab.js showed for a start that then never reached the TUI.
    takeEarlyFrame()?.early.release();
    takeEarlyInterrupt();
  }
}

