// The entry point of bin/docker-credential-ecr-lab: docker runs it with an action and a
// request on stdin (docker's credential-helper protocol); see src/workflow/ecr-lab-helper.ts.
import { text } from 'node:stream/consumers';
import { dockerConfigDir } from '../workflow/docker-config.js';
import { runHelperAction } from '../workflow/ecr-lab-helper.js';

const action = process.argv[2];
// `list` and `version` get no request; docker closes stdin either way.
const stdin = action === 'get' || action === 'store' || action === 'erase' ? await text(process.stdin) : '';
const answer = await runHelperAction(action, stdin, dockerConfigDir());
if (answer.stdout) process.stdout.write(`${answer.stdout}\n`);
process.exitCode = answer.exitCode;
