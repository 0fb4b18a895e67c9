<?php
/**
 * The plugin's one option (ethora_chat_options): defaults, reading, and validation of what the
 * settings page submits. A bad value is refused with a message and the saved value is kept.
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const ETHORA_CHAT_OPTION = 'ethora_chat_options';

/** Allowed values of the choice settings. */
function ethora_chat_choices() {
	return array(
		'dialect'    => array( 'standard', 'ethora' ),
		'view'       => array( 'embedded', 'floating', 'fullscreen' ),
		'lang'       => array( '', 'en', 'es', 'ar' ),
		'guest_mode' => array( 'readonly', 'signin', 'guest' ),
	);
}

/** Defaults of every setting. */
function ethora_chat_defaults() {
	return array(
		'service'      => '',
		'domain'       => '',
		'muc_service'  => '',
		'guest_domain' => '',
		'rooms'        => '',
		'dialect'      => 'standard',
		'view'         => 'embedded',
		'lang'         => '',
		'accent'       => '',
		'background'   => '',
		'text'         => '',
		'floating_all' => 0,
		'guest_mode'   => 'signin',
		'jid_prefix'   => 'wp',
		'token_ttl'    => 300,
		'jwt_secret'   => '',
	);
}

/** The saved settings merged over the defaults. */
function ethora_chat_options() {
	$saved = get_option( ETHORA_CHAT_OPTION, array() );
	return array_merge( ethora_chat_defaults(), is_array( $saved ) ? $saved : array() );
}

/** True when the chat can be shown: a server address and the users' XMPP domain are set. */
function ethora_chat_configured( $o ) {
	return '' !== $o['service'] && '' !== $o['domain'];
}

/** A DNS-style XMPP domain (letters, digits, dots, hyphens). */
function ethora_chat_valid_domain( $value ) {
	return (bool) preg_match( '/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/', $value );
}

/** A room address local@domain with a conservative local part. */
function ethora_chat_valid_room( $value ) {
	$parts = explode( '@', $value );
	return 2 === count( $parts ) && preg_match( '/^[a-z0-9][a-z0-9._-]{0,63}$/', $parts[0] ) && ethora_chat_valid_domain( $parts[1] );
}

/** A ws:// or wss:// URL with a host and no user info. */
function ethora_chat_valid_service( $value ) {
	$p = wp_parse_url( $value );
	return is_array( $p ) && isset( $p['scheme'], $p['host'] ) && in_array( strtolower( $p['scheme'] ), array( 'ws', 'wss' ), true )
		&& ! isset( $p['user'] ) && ! isset( $p['pass'] ) && ! preg_match( '/[\s<>"\'`]/', $value );
}

/** Splits a room list (spaces or commas) into lower-case room addresses. */
function ethora_chat_room_list( $value ) {
	return array_values( array_filter( preg_split( '/[\s,]+/', strtolower( trim( (string) $value ) ) ) ) );
}

/**
 * Sanitize callback of register_setting: validates each submitted field; a refused field keeps
 * its saved value and adds an error that the settings page shows.
 *
 * @param mixed $input What the form submitted.
 * @return array The settings to store.
 */
function ethora_chat_sanitize( $input ) {
	$old = ethora_chat_options();
	if ( ! is_array( $input ) ) {
		return $old;
	}
	$new     = $old;
	// settings_errors() prints messages as HTML: escape them (a refused value is quoted back).
	$refuse  = static function ( $field, $message ) {
		add_settings_error( ETHORA_CHAT_OPTION, 'ethora-chat-' . $field, esc_html( $message ), 'error' );
	};
	$text    = static function ( $key ) use ( $input ) {
		return isset( $input[ $key ] ) && is_scalar( $input[ $key ] ) ? trim( (string) wp_unslash( $input[ $key ] ) ) : '';
	};
	$choices = ethora_chat_choices();

	$service = $text( 'service' );
	if ( '' === $service || ethora_chat_valid_service( $service ) ) {
		$new['service'] = $service;
	} else {
		$refuse( 'service', __( 'Chat server: enter a WebSocket address starting with wss:// (or ws:// for a local server), e.g. wss://chat.example.com/ws.', 'ethora-chat' ) );
	}
	$labels = array(
		'domain'       => __( 'XMPP domain of WordPress users', 'ethora-chat' ),
		'muc_service'  => __( 'Room service', 'ethora-chat' ),
		'guest_domain' => __( 'Guest domain', 'ethora-chat' ),
	);
	foreach ( $labels as $key => $label ) {
		$value = strtolower( $text( $key ) );
		if ( '' === $value || ethora_chat_valid_domain( $value ) ) {
			$new[ $key ] = $value;
		} else {
			/* translators: %s: the setting's name */
			$refuse( $key, sprintf( __( '%s: enter a domain name such as chat.example.com.', 'ethora-chat' ), $label ) );
		}
	}
	$rooms = ethora_chat_room_list( $text( 'rooms' ) );
	$bad   = array_filter( $rooms, static fn( $r ) => ! ethora_chat_valid_room( $r ) );
	if ( $bad ) {
		/* translators: %s: the refused room addresses */
		$refuse( 'rooms', sprintf( __( 'Default rooms: these are not room addresses (name@conference.example.com): %s', 'ethora-chat' ), implode( ', ', $bad ) ) );
	} else {
		$new['rooms'] = implode( ' ', $rooms );
	}
	foreach ( $choices as $key => $allowed ) {
		$value = $text( $key );
		if ( in_array( $value, $allowed, true ) ) {
			$new[ $key ] = $value;
		} elseif ( isset( $input[ $key ] ) ) {
			/* translators: %s: the setting's key */
			$refuse( $key, sprintf( __( '%s: choose one of the offered values.', 'ethora-chat' ), $key ) );
		}
	}
	foreach ( array( 'accent', 'background', 'text' ) as $key ) {
		$value = strtolower( $text( $key ) );
		if ( '' === $value || preg_match( '/^#[0-9a-f]{6}$/', $value ) ) {
			$new[ $key ] = $value;
		} else {
			/* translators: %s: the colour setting's key */
			$refuse( $key, sprintf( __( 'Colour %s: use the form #1a2b3c.', 'ethora-chat' ), $key ) );
		}
	}
	$new['floating_all'] = empty( $input['floating_all'] ) ? 0 : 1;
	$prefix              = strtolower( $text( 'jid_prefix' ) );
	if ( preg_match( '/^[a-z0-9][a-z0-9-]{0,19}$/', $prefix ) ) {
		$new['jid_prefix'] = $prefix;
	} else {
		$refuse( 'jid_prefix', __( 'Account prefix: 1 to 20 letters, digits or hyphens.', 'ethora-chat' ) );
	}
	$ttl = $text( 'token_ttl' );
	if ( preg_match( '/^\d+$/', $ttl ) && (int) $ttl >= 10 && (int) $ttl <= 3600 ) {
		$new['token_ttl'] = (int) $ttl;
	} else {
		$refuse( 'token_ttl', __( 'Token lifetime: a whole number of seconds from 10 to 3600.', 'ethora-chat' ) );
	}
	// The secret is write-only: an empty field keeps the saved one; "clear" is a checkbox.
	$secret = $text( 'jwt_secret' );
	if ( ! empty( $input['jwt_secret_clear'] ) ) {
		$new['jwt_secret'] = '';
	} elseif ( '' !== $secret ) {
		if ( strlen( $secret ) >= 32 && strlen( $secret ) <= 512 && ! preg_match( '/\s/', $secret ) ) {
			$new['jwt_secret'] = $secret;
		} else {
			$refuse( 'jwt_secret', __( 'Signing key: at least 32 characters, no spaces (the same secret as the server\'s jwt_key).', 'ethora-chat' ) );
		}
	}
	return $new;
}
