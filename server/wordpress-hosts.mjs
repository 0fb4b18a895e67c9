// The two XMPP hosts the WordPress plugin (cms/wordpress/ethora-chat) needs, in every kit profile:
//   wp.localhost     auth_method: jwt: WordPress users sign in with a short-lived HS256 token the
//                    plugin mints (password = the token), checked against the JWK file below;
//   guest.localhost  auth_method: anonymous (SASL ANONYMOUS): visitors chat as guests.
// The template's "WordPress hosts" block names them; this file writes the key ejabberd reads.
// The shared secret lives in .state/wordpress-jwt.secret (made once, random, git-ignored): every
// node of every profile gets the same key, and the WordPress test site is given the same secret.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const WP_HOST = 'wp.localhost';
export const GUEST_HOST = 'guest.localhost';
export const SECRET_FILE = path.join(ROOT, '.state', 'wordpress-jwt.secret');
/** The file name (in a node's state folder) that the template's jwt_key points at. */
export const JWK_FILE = 'wordpress-jwt.jwk';

/** The shared HS256 secret (text, 48 random bytes base64url), made on first use. */
export function wordpressSecret() {
  if (!existsSync(SECRET_FILE)) {
    mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
    writeFileSync(SECRET_FILE, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(SECRET_FILE, 'utf8').trim();
}

/** The JWK ejabberd's jwt_key reads: an "oct" key whose bytes are the secret's UTF-8 text,
 *  which is what the plugin signs with. */
export function jwkOf(secret) {
  return JSON.stringify({ kty: 'oct', k: Buffer.from(secret, 'utf8').toString('base64url') });
}

/** Writes the JWK into a node's state folder (the kit chowns the folder to ejabberd afterwards). */
export function writeWordpressJwk(stateDir) {
  const file = path.join(stateDir, JWK_FILE);
  writeFileSync(file, jwkOf(wordpressSecret()), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
