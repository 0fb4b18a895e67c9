<?php
/**
 * Single sign-on tokens: an HS256 JWT for ejabberd's JWT authentication (auth_method: jwt,
 * jwt_jid_field: jid). The account is derived from the WordPress user ID, so it stays the same
 * when the user changes their name or e-mail.
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The XMPP address of a WordPress user: <prefix>-<user ID>@<domain>.
 *
 * @param int   $user_id WordPress user ID.
 * @param array $o       Settings.
 */
function ethora_chat_user_jid( $user_id, $o ) {
	return $o['jid_prefix'] . '-' . absint( $user_id ) . '@' . $o['domain'];
}

/** Base64url without padding (RFC 7515). */
function ethora_chat_b64url( $bytes ) {
	return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
}

/**
 * Signs a token for `$jid`, valid for `$ttl` seconds from `$now`.
 *
 * @param string $jid    Account the token signs in.
 * @param string $secret Shared HS256 secret (its bytes are the server's JWK "k").
 * @param int    $ttl    Lifetime in seconds.
 * @param int    $now    Issue time (Unix seconds).
 * @return string The compact JWT.
 */
function ethora_chat_mint_token( $jid, $secret, $ttl, $now ) {
	$header  = ethora_chat_b64url( wp_json_encode( array( 'alg' => 'HS256', 'typ' => 'JWT' ) ) );
	$payload = ethora_chat_b64url(
		wp_json_encode(
			array(
				'jid' => $jid,
				'iat' => $now,
				'exp' => $now + $ttl,
				'jti' => ethora_chat_b64url( random_bytes( 12 ) ),
			)
		)
	);
	$signature = ethora_chat_b64url( hash_hmac( 'sha256', $header . '.' . $payload, $secret, true ) );
	return $header . '.' . $payload . '.' . $signature;
}
