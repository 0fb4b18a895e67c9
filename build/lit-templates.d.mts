// Types of build/lit-templates.mjs for the unit test that imports it (test/unit/platform/lit-templates.test.ts).
export function minifyCss(text: string): string;
export function minifyHtml(text: string): string;
export function keepsWhitespace(parts: string[]): boolean;
