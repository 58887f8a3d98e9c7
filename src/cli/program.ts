// The command line: every command, its flags and its help. Actions are loaded lazily so that
// a plain command never pays for ink or the AWS SDK.
import { Command, InvalidArgumentError, Option } from 'commander';
import { packageVersion } from './package-root.js';

/** Options shared by the commands that reach a target. */
export interface TargetOptions {
  readonly live?: boolean;
  readonly profile?: string;
  readonly region?: string;
  readonly engine?: 'docker' | 'builtin';
}

/** A whole number within bounds, or commander's one-line usage error. */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`Must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

/**
 * An option given an empty value (`--repo ''`) is refused with commander's one-line usage error,
 * as a missing one is: run with it, a step would act on a repository named ''.
 */
function refuseEmptyValues(_hooked: Command, action: Command): void {
  for (let cmd: Command | null = action; cmd; cmd = cmd.parent) {
    const empty = cmd.options.find((o) => cmd!.getOptionValue(o.attributeName()) === '');
    if (empty) action.error(`error: ${empty.long ?? empty.flags} needs a value, not an empty one`, { exitCode: 2, code: 'ecrlab.emptyOptionValue' });
  }
}

function targetFlags(cmd: Command): Command {
  return cmd
    .option('--live', 'use real AWS (your default credential chain) instead of the local ECR')
    .option('--profile <name>', 'AWS profile for --live')
    .option('--region <region>', 'AWS region (default: us-east-1 locally, your configured region live)')
    .addOption(new Option('--engine <engine>', 'image engine').choices(['docker', 'builtin']));
}

/** Builds the program; `run` receives the chosen action. */
export function buildProgram(run: (name: string, args: unknown[]) => Promise<void>): Command {
  const program = targetFlags(new Command('ecr-lab'))
    .description('Learn Amazon ECR in the terminal: lessons, live steps on a local ECR or real AWS, drills.')
    .version(packageVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    .allowExcessArguments(true)
    .action((...a) => run('tui', a))
    .hook('preAction', refuseEmptyValues);

  program.command('lessons').description('list the lessons: id, title, minutes, done')
    .action((...a) => run('lessons', a));
  program.command('read').description('print a lesson as plain text').argument('<lesson>', 'lesson id or number')
    .option('--width <columns>', 'wrap at this many columns (40 or more)', wholeNumber(40, 1000))
    .action((...a) => run('read', a));
  program.command('check-content').description('validate every lesson, drill and deck; exit 1 on any error')
    .action((...a) => run('check-content', a));
  program.command('progress').description('show where you are; --reset forgets it')
    .option('--reset', 'delete your progress (asks nothing: it is what you asked for)')
    .action((...a) => run('progress', a));
  program.command('serve').description('run the local ECR in the foreground for the real aws and docker')
    .option('--port <port>', 'port to listen on (0 picks a free one)', wholeNumber(0, 65535), 5000)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--region <region>', 'region the local ECR pretends to be', 'us-east-1')
    .option('--account <account>', 'account id of the local registry', '123456789012')
    .option('--data <dir>', 'keep repositories and images in this directory across restarts')
    .action((...a) => run('serve', a));
  targetFlags(program.command('run')).description('run live steps without the TUI, in order, stopping at the first failure')
    .argument('<steps...>', `step ids, or all (${'whoami, create-repository, login, build-image, tag-image, push-image, ...'})`)
    .option('--repo <name>', 'repository name (default ecr-lab/demo)')
    .option('--tag <tag>', 'image tag (default v1)')
    .option('--json', 'one JSON object per step outcome, one per line')
    .option('--yes', 'with --live: allow the changes without asking')
    .action((...a) => run('run', a));
  program.command('policy').description('print the least-privilege IAM policy the steps need (JSON)')
    .argument('[steps...]', 'step ids, or all (default)')
    .option('--repo <name>', 'repository the steps work on (default ecr-lab/demo)')
    .option('--account <id>', 'account id for the ARNs (default: the local ECR\'s 123456789012)')
    .option('--region <region>', 'region for the ARNs (default us-east-1)')
    .option('--live', 'take account and region from your AWS credentials')
    .option('--profile <name>', 'AWS profile for --live')
    .action((...a) => run('policy', a));
  program.command('doctor').description('check Node, docker, the AWS CLI, credentials and region; say what to fix')
    .option('--profile <name>', 'AWS profile to check')
    .option('--region <region>', 'region to check')
    .action((...a) => run('doctor', a));
  program.command('fault').description('switch faults of a running local ECR: list | on NAME | off NAME | reset')
    .argument('[action]', 'list (default), on, off or reset').argument('[name]', 'the fault, for on and off')
    .option('--port <port>', 'the local ECR to change (default: the only one running)', wholeNumber(1, 65535))
    .option('--repo <name>', 'repository the fault acts on (default ecr-lab/demo)')
    .option('--tag <tag>', 'tag the fault acts on (default v1)')
    .action((...a) => run('fault', a));
  program.command('clock').description("move a running local ECR's clock: +13h | -1h | reset | show")
    .argument('[change]', 'a signed duration (+13h, -30m, 90s, 2d), reset or show (default)')
    .option('--port <port>', 'the local ECR to change (default: the only one running)', wholeNumber(1, 65535))
    .allowUnknownOption(true)
    .action((...a) => run('clock', a));
  program.command('drill').description('troubleshooting drills on the local ECR: --list, or play one by name')
    .argument('[name]', 'the drill to play (ecr-lab drill --list shows them)')
    .option('--list', 'list the drills with your best scores')
    .addOption(new Option('--engine <engine>', 'image engine').choices(['docker', 'builtin']))
    .option('--live', 'refused: drills never break a real account')
    .action((...a) => run('drill', a));
  program.command('explain').description('explain an error text: its cause, the fix, and the drill that practises it')
    .argument('<text...>', "the error as docker or aws printed it (quote it: 'denied: ...')")
    .action((...a) => run('explain', a));
  targetFlags(program.command('present')).description('present a seminar deck full screen, with live steps, a timer and a fallback')
    .argument('[deck]', 'deck id or file (default: the first deck in slides/; ecr-lab present --list shows them)')
    .option('--list', 'list the decks: id, title, minutes, slides')
    .option('--minutes <n>', 'planned length of the talk (default: the deck\'s)', wholeNumber(1, 600))
    .option('--rehearse', 'record the time spent on each slide and report it against the plan at the end')
    .action((...a) => run('present', a));
  program.command('notes').description('follow a running ecr-lab present in this terminal: speaker notes, next slide, timer')
    .action((...a) => run('notes', a));
  program.command('export').description('write a handout of a deck or lesson (or all), or your own lab report')
    .argument('[what]', 'a lesson id or number, a deck id or .md file, or all (every lesson, in course order; decks are exported one at a time)')
    .option('--html <file>', 'write one self-contained HTML file')
    .option('--md <file>', 'write markdown')
    .option('--report', 'your lab report: lessons, scores, drills, steps run, what you pushed (secrets masked)')
    .action((...a) => run('export', a));
  targetFlags(program.command('cleanup')).description('delete what ecr-lab created (its ledger), and nothing else')
    .option('--yes', 'with --live: delete without asking')
    .action((...a) => run('cleanup', a));
  // The root takes excess words to name them as an unknown command; its commands inherit
  // that at creation, and must refuse them instead (`ecr-lab lessons 3` is a mistake).
  for (const cmd of program.commands) cmd.allowExcessArguments(false);
  return program;
}
