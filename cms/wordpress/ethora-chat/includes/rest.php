<?php
/**
 * REST route POST /ethora-chat/v1/token: the signed-in user's XMPP address and a fresh
 * short-lived token. WordPress accepts the cookie session on REST requests only with the
 * wp_rest nonce (X-WP-Nonce), so another site cannot obtain a token for the user, and a visitor
 * who is not signed in gets 401.
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Registers the route (rest_api_init). */
function ethora_chat_register_rest() {
	register_rest_route(
		'ethora-chat/v1',
		'/token',
		array(
			'methods'             => 'POST',
			'callback'            => 'ethora_chat_rest_token',
			'permission_callback' => static function () {
				return is_user_logged_in();
			},
		)
	);
}

/**
 * Mints the token for the current user.
 *
 * @return WP_REST_Response|WP_Error
 */
function ethora_chat_rest_token() {
	$o = ethora_chat_options();
	if ( ! ethora_chat_configured( $o ) || '' === $o['jwt_secret'] ) {
		return new WP_Error( 'ethora_chat_not_configured', __( 'Chat sign-in is not configured on this site.', 'ethora-chat' ), array( 'status' => 503 ) );
	}
	// WordPress sends its no-cache headers for signed-in users after this callback: make them no-store.
	add_filter(
		'nocache_headers',
		static function ( $headers ) {
			$headers['Cache-Control'] = 'no-store, no-cache, must-revalidate, max-age=0, private';
			return $headers;
		}
	);
	$now      = time();
	$jid      = ethora_chat_user_jid( get_current_user_id(), $o );
	$response = new WP_REST_Response(
		array(
			'jid'     => $jid,
			'token'   => ethora_chat_mint_token( $jid, $o['jwt_secret'], (int) $o['token_ttl'], $now ),
			'expires' => $now + (int) $o['token_ttl'],
		)
	);
	$response->header( 'Cache-Control', 'no-store, no-cache, must-revalidate, max-age=0, private' );
	return $response;
}
