// The "who am I" and "registry" panels as styled lines at a width: pure functions of the
// data the workflow's Inspector returned, so they are tested without a terminal.
import { wrapLine } from '../markdown/wrap.js';
import { type StyledLine, type Tone, line } from '../markdown/styled.js';
import type { DockerConfigView, ImageView, RegistrySnapshot, WhoAmI } from '../workflow/types.js';

/** Said by a panel before the target is connected (the local ECR is still starting). */
export const NO_TARGET = 'No target connected yet.';
export const ASKING = 'Asking…';

const LABEL = 9;

const LONG_DIGEST = /(sha256:[0-9a-f]{12})[0-9a-f]{52}/g;

/** `sha256:` and the first 12 hex digits, as docker prints image ids. */
export function shortDigest(digest: string): string {
  return /^sha256:[0-9a-f]{64}$/.test(digest) ? shortDigests(digest) : digest;
}

/** A text with each full digest in it cut the same way (`sha256:<12 hex>…`). */
export function shortDigests(text: string): string {
  return text.replace(LONG_DIGEST, '$1…');
}

/** A label and its value, wrapped under the value's column. */
function field(label: string, value: string, width: number, tone: Tone = 'plain'): StyledLine[] {
  const room = Math.max(8, width - LABEL);
  return value.split('\n').flatMap((part) => wrapLine(part, room)).map((text, i) =>
    line(`${(i === 0 ? label : '').padEnd(LABEL)}${text}`, tone));
}

function dockerNotes(d: DockerConfigView): { text: string; tone: Tone }[] {
  if (d.state === 'missing') return [{ text: 'no config.json: no docker login', tone: 'dim' }];
  if (d.state === 'unreadable') return [{ text: 'config.json is not valid JSON', tone: 'bad' }];
  const notes: { text: string; tone: Tone }[] = [];
  if (d.credHelper) notes.push({ text: `credHelpers: docker-credential-${d.credHelper}`, tone: 'good' });
  if (d.hasAuthEntry && d.isAuthInFile) notes.push({ text: 'auths: login stored in the file (base64)', tone: 'good' });
  else if (d.hasAuthEntry && d.credsStore) notes.push({ text: `auths: login kept by credsStore ${d.credsStore}`, tone: 'good' });
  else if (d.hasAuthEntry) notes.push({ text: 'auths: an entry without credentials', tone: 'dim' });
  else if (!d.credHelper) notes.push({ text: 'no login for this registry', tone: 'bad' });
  if (d.credsStore && !(d.hasAuthEntry && !d.isAuthInFile)) notes.push({ text: `credsStore: ${d.credsStore}`, tone: 'dim' });
  return notes;
}

/** The "who am I" panel: the OS user, AWS identity, region and profile, docker and the engine. */
export function whoAmILines(view: WhoAmI | undefined, hasInspector: boolean, width: number): StyledLine[] {
  if (!hasInspector) return [line(NO_TARGET, 'dim')];
  if (!view) return [line(ASKING, 'dim')];
  const out = [...field('Linux', view.linuxUser, width)];
  if (view.identity) {
    out.push(...field('IAM', view.identity.arn, width, 'accent'), ...field('Account', view.identity.account, width));
  } else {
    out.push(...field('IAM', `✘ ${view.identityError ?? 'unknown'}`, width, 'bad'));
  }
  out.push(...field('Region', view.region, width));
  if (view.profile) out.push(...field('Profile', view.profile, width));
  out.push(...field('Registry', view.registry, width));
  out.push(...field('Docker', view.docker.file, width));
  for (const note of dockerNotes(view.docker)) out.push(...field('', note.text, width, note.tone));
  if (view.engine.name === 'builtin') {
    const where = view.engine.credentials ? `logged in: ${view.engine.credentials}` : 'not logged in here';
    out.push(...field('Engine', `built-in, ${where}`, width, view.engine.credentials ? 'good' : 'dim'));
  } else {
    out.push(...field('Engine', 'docker', width));
  }
  return out;
}

function imageLines(image: ImageView, tagWidth: number, width: number): StyledLine[] {
  const digest = shortDigest(image.digest);
  if (image.tags.length === 0) return [line(`  ${'<none>'.padEnd(tagWidth)} ${digest}`, 'dim')];
  return image.tags.flatMap((tag) => {
    const head = `  ${tag.name.padEnd(tagWidth)} ${digest}`;
    if (!tag.previousDigest) return [line(head)];
    const was = `(was ${shortDigest(tag.previousDigest)})`;
    if (head.length + 1 + was.length <= width) return [line(`${head} ${was}`, 'focus')];
    return [line(head, 'focus'), line(`  ${' '.repeat(tagWidth)} ${was}`, 'focus')];
  });
}

/** The "registry" panel: registry -> repositories -> tags -> short digests, moved tags marked. */
export function registryLines(snapshot: RegistrySnapshot | undefined, hasInspector: boolean, width: number): StyledLine[] {
  if (!hasInspector) return [line(NO_TARGET, 'dim')];
  if (!snapshot) return [line(ASKING, 'dim')];
  const out = [line(snapshot.registry, 'title')];
  if (snapshot.error) return [...out, ...wrapLine(`✘ ${snapshot.error}`, width).map((t) => line(t, 'bad'))];
  if (snapshot.repositories.length === 0) out.push(line('no repositories yet', 'dim'));
  for (const repo of snapshot.repositories) {
    out.push(line(repo.name, 'accent'));
    if (repo.error) out.push(...wrapLine(`  ✘ ${repo.error}`, width).map((t) => line(t, 'bad')));
    else if (repo.images.length === 0) out.push(line('  no images', 'dim'));
    const tagWidth = Math.min(12, Math.max(6, ...repo.images.flatMap((i) => i.tags.map((t) => t.name.length))));
    for (const image of repo.images) out.push(...imageLines(image, tagWidth, width));
  }
  if (snapshot.omitted > 0) out.push(line(`… and ${snapshot.omitted} more repositories`, 'dim'));
  return out;
}
