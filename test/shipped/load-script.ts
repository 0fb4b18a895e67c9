/**
 * Loads the shipped one-file script with a plain <script src>, as a site owner does: the tests
 * in this folder drive dist/ethora-chat.js itself (minified, StanzaJS stubbed as shipped), never
 * src/. A test file's page loads it once (it defines the elements).
 */
export async function loadShippedScript(src: string): Promise<void> {
  const script = document.createElement('script');
  script.src = src;
  const loaded = new Promise((resolve, reject) => ((script.onload = resolve), (script.onerror = reject)));
  document.head.append(script);
  await loaded;
}
