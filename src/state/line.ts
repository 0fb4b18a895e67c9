/**
 * A system line as an English template and its values ("{who} joined", { who: 'bob' }): the
 * elements show it in the widget's language; `english()` (system-lines.ts) gives the text for
 * events and logs. A leaf module: messages carry lines, and lines are made from occupants.
 */
export interface Line {
  readonly text: string;
  readonly values: Readonly<Record<string, string>>;
}
