// The part of marked-terminal 7 that ecr-lab uses; the package ships no types of its own.
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';

  /** A style: takes text and returns it styled (chalk functions fit). */
  type Style = (text: string) => string;

  export interface MarkedTerminalOptions {
    readonly code?: Style;
    readonly blockquote?: Style;
    readonly html?: Style;
    readonly heading?: Style;
    readonly firstHeading?: Style;
    readonly hr?: Style;
    readonly listitem?: Style;
    readonly table?: Style;
    readonly paragraph?: Style;
    readonly strong?: Style;
    readonly em?: Style;
    readonly codespan?: Style;
    readonly del?: Style;
    readonly link?: Style;
    readonly href?: Style;
    readonly text?: Style;
    readonly unescape?: boolean;
    readonly emoji?: boolean;
    readonly width?: number;
    readonly showSectionPrefix?: boolean;
    readonly reflowText?: boolean;
    readonly tab?: number | string;
    readonly tableOptions?: Record<string, unknown>;
  }

  export function markedTerminal(options?: MarkedTerminalOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
