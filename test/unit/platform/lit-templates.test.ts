import { expect } from '@open-wc/testing';
import { keepsWhitespace, minifyCss, minifyHtml } from '../../../build/lit-templates.mjs';

// The shipped script's Lit templates are shortened at build time (build/lit-templates.mjs).
describe('Lit templates in the shipped script (build/lit-templates.mjs)', () => {
  it('drops the layout of CSS, not its strings, descendant combinators or calc() spaces', () => {
    const css = `
  :host { display: block; padding: 2px var(--_space); }
  /* a comment */
  .a :focus-visible, .b > .c { margin: 0 calc(100% - 4px); }
  .d::after { content: ' ; , : { } '; }
  @media (max-width: 600px) { .e { grid-column: 1 / -1; } }
`;
    expect(minifyCss(css)).to.equal(
      " :host{display:block;padding:2px var(--_space)}.a :focus-visible,.b > .c{margin:0 calc(100% - 4px)}.d::after{content:' ; , : { } '}@media (max-width:600px){.e{grid-column:1 / -1}}",
    );
  });

  it("drops a comment with a quote in it, and keeps a string with a comment's marks", () => {
    const css = `.a { color: red; /* the page's rules */ }\n.b[x='1'] { content: "/* kept */"; }`;
    expect(minifyCss(css)).to.equal(`.a{color:red}.b[x='1']{content:"/* kept */"}`);
  });

  it('turns a line break and its indentation in HTML into one space, and keeps other spaces', () => {
    expect(minifyHtml('<div>\n      <b>a</b>\n      <i>b  c</i>\n    </div>')).to.equal('<div> <b>a</b> <i>b  c</i> </div>');
    expect(minifyHtml('<button\n   class="x"\n   @click=')).to.equal('<button class="x" @click=');
  });

  it('leaves templates whose whitespace may be text: <pre>, a <textarea> with text', () => {
    expect(keepsWhitespace(['<pre>\n  a\n</pre>'])).to.equal(true);
    expect(keepsWhitespace(['<textarea>\n  a</textarea>'])).to.equal(true);
    expect(keepsWhitespace(['<textarea\n  rows="1"\n  .value=', '\n></textarea>'])).to.equal(false);
  });
});
