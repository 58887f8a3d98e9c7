// The fault panel as styled lines at a width and height: the local clock, a window of the
// fault list that keeps the cursor in view, what the chosen fault changes and the symptom it
// produces, the reason a switch failed, and the panel's keys. Pure, so tested without Ink.
import { FAULTS, type FaultDefinition, type FaultScope, fillFaultText } from '../core/faults.js';
import { type TargetContext, resolveParams } from '../core/steps.js';
import { wrapped } from '../markdown/blocks.js';
import { type StyledLine, line } from '../markdown/styled.js';
import { truncateLine } from '../markdown/wrap.js';
import { NO_TARGET } from './panel-lines.js';

/** Said by the fault panel on live AWS, where nothing may be broken on purpose. */
export const LIVE_ONLY = 'Faults exist only on the local ECR: there is no fault port on live AWS.';

/** What the panel shows; `faults` undefined means there is no troubleshooting port. */
export interface FaultPanelView {
  readonly faults?: readonly { readonly definition: FaultDefinition; readonly isOn: boolean }[];
  readonly clockOffset: number;
  readonly cursor: number;
  readonly notice?: string;
  readonly isLive: boolean;
  /** Fills the `<host>`, `<repo>`, ... of what a fault changes and prints. */
  readonly context: TargetContext;
}

/**
 * The values a fault's or a drill's texts name. Faults switched on from the TUI and drills act
 * on the steps' default repository and tag, so those are the steps' own defaults.
 */
export function faultScope(context: TargetContext): FaultScope {
  const p = resolveParams('tag-image', {}, context);
  return {
    account: context.account, region: context.region, host: context.registry,
    repository: String(p.repository), tag: String(p.tag), endpoint: context.endpointUrl, image: String(p.image),
  };
}

import { offsetText } from '../core/offset-text.js';

export { offsetText };

const NAME_WIDTH = Math.max(...FAULTS.map((f) => f.name.length));
const KEYS = '↑↓ choose · Enter/Space switch · x all off · + T 0 clock';

/** Narrower than this, a row leaves out the side (the details still say it). */
const SIDE_MIN_WIDTH = 70;

function row(fault: FaultDefinition, isOn: boolean, isSelected: boolean, width: number): StyledLine {
  const side = width >= SIDE_MIN_WIDTH ? `${fault.side.padEnd(6)} ` : '';
  const text = `${isSelected ? '❯' : ' '} ${isOn ? 'on ' : 'off'} ${fault.name.padEnd(NAME_WIDTH)} ${side}${fault.title}`;
  return line(truncateLine(text, width), isSelected ? 'focus' : isOn ? 'bad' : 'plain');
}

function details(fault: FaultDefinition, scope: FaultScope, width: number): StyledLine[] {
  const symptom = fault.symptoms.docker ?? fault.symptoms.cli ?? fault.symptoms.sdk ?? '';
  return [
    ...wrapped(`Changes (${fault.side} side): ${fillFaultText(fault.changes, scope)}`, width, 'plain'),
    ...wrapped(`Symptom: ${fillFaultText(symptom, scope)}`, width, 'dim'),
  ];
}

/** The panel's lines, at most `height` of them. */
export function faultPanelLines(view: FaultPanelView, width: number, height: number): StyledLine[] {
  if (!view.faults) return view.isLive ? wrapped(LIVE_ONLY, width, 'dim') : [line(NO_TARGET, 'dim')];
  const faults = view.faults;
  const clock = view.clockOffset === 0 ? 'real time' : `${offsetText(view.clockOffset)} ahead (tokens age by it)`;
  const head = [line(truncateLine(`local ECR clock: ${clock}`, width), view.clockOffset === 0 ? 'dim' : 'bad')];
  const selected = faults[view.cursor];
  const tail = [
    ...(view.notice ? wrapped(`✘ ${view.notice}`, width, 'bad') : []),
    line(truncateLine(KEYS, width), 'dim'),
  ];
  const about = selected ? details(selected.definition, faultScope(view.context), width) : [];
  // The list gets what is left, but never fewer than three rows; the details give way first.
  const listRows = Math.max(3, Math.min(faults.length, height - head.length - tail.length - about.length - 1));
  const shownAbout = about.slice(0, Math.max(0, height - head.length - tail.length - listRows - 1));
  const first = Math.max(0, Math.min(view.cursor - Math.floor(listRows / 2), faults.length - listRows));
  const list = faults.slice(first, first + listRows).map((f, i) => row(f.definition, f.isOn, first + i === view.cursor, width));
  return [...head, ...list, line(''), ...shownAbout, ...tail].slice(0, Math.max(1, height));
}
