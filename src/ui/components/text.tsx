import { Text as InkText, type TextProps } from 'ink';
import { Children, cloneElement, Fragment, isValidElement, type ReactNode } from 'react';
import { sanitizeForTerminal } from '../../core/http/terminal.js';

/**
 * Ink's Text, with every string child passed through sanitizeForTerminal. Token claims, error
 * descriptions, reason phrases, spec titles and bodies all end up as Text children; Ink would
 * write an escape sequence in them to the terminal as it is (a claim could set the clipboard
 * with OSC 52 or retitle the window). Components import this Text, never Ink's (eslint says
 * so), so a new component cannot forget. Ink's own colours are props, not characters, and stay.
 */
export function Text(props: TextProps) {
  return <InkText {...props}>{clean(props.children)}</InkText>;
}

/** Strings sanitized; nested Text sanitizes itself; fragments are opened, as Ink would. */
function clean(children: ReactNode): ReactNode {
  return Children.map(children, (child) => {
    if (typeof child === 'string') return sanitizeForTerminal(child);
    if (isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment) {
      return cloneElement(child, undefined, clean(child.props.children));
    }
    return child;
  });
}
