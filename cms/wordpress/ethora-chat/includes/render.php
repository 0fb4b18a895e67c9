<?php
/**
 * What pages show: the shortcode [ethora_chat room="…" height="…" view="…"], the block
 * (same options, same output) and the floating chat on every page. The markup is a placeholder
 * with the options as JSON; assets/ethora-wp.js creates the <ethora-chat> element in it and
 * gives it a credentials callback. No credential is ever written into the page.
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Registers the widget bundle and the plugin's glue script and style. */
function ethora_chat_register_assets() {
	wp_register_script( 'ethora-chat-widget', ETHORA_CHAT_URL . 'assets/ethora-chat.js', array(), ETHORA_CHAT_VERSION, true );
	wp_register_script( 'ethora-chat-wp', ETHORA_CHAT_URL . 'assets/ethora-wp.js', array( 'ethora-chat-widget' ), ETHORA_CHAT_VERSION, true );
	wp_register_style( 'ethora-chat-wp', ETHORA_CHAT_URL . 'assets/ethora-wp.css', array(), ETHORA_CHAT_VERSION );
	$o   = ethora_chat_options();
	$css = '';
	foreach ( array( 'accent' => 'accent', 'background' => 'bg', 'text' => 'text' ) as $key => $prop ) {
		if ( preg_match( '/^#[0-9a-f]{6}$/', $o[ $key ] ) ) {
			$css .= '--ethora-color-' . $prop . ':' . $o[ $key ] . ';';
		}
	}
	if ( '' !== $css ) {
		wp_add_inline_style( 'ethora-chat-wp', 'ethora-chat{' . $css . '}' );
	}
}

/** Registers the block from block/block.json, rendered on the server like the shortcode. */
function ethora_chat_register_block() {
	register_block_type(
		ETHORA_CHAT_DIR . 'block',
		array(
			'render_callback' => static function ( $attributes ) {
				return ethora_chat_render( is_array( $attributes ) ? $attributes : array() );
			},
		)
	);
}

/** Data for assets/ethora-wp.js: REST address and nonce for signed-in users, texts. */
function ethora_chat_script_data() {
	$data = array(
		'rest'  => esc_url_raw( rest_url( 'ethora-chat/v1/token' ) ),
		'nonce' => is_user_logged_in() ? wp_create_nonce( 'wp_rest' ) : '',
		'text'  => array(
			'guestSuffix' => __( '(guest)', 'ethora-chat' ),
			'nickInvalid' => __( 'Enter a nickname of 1 to 30 characters.', 'ethora-chat' ),
			'signInError' => __( 'Could not sign in to the chat: ', 'ethora-chat' ),
		),
	);
	return $data;
}

/** Enqueues what a page with a chat needs (once). */
function ethora_chat_enqueue() {
	if ( ! wp_script_is( 'ethora-chat-wp', 'enqueued' ) ) {
		wp_enqueue_style( 'ethora-chat-wp' );
		wp_enqueue_script( 'ethora-chat-wp' );
		wp_localize_script( 'ethora-chat-wp', 'ethoraChatWp', ethora_chat_script_data() );
	}
}

/**
 * Options from a shortcode or block, each validated (an author may type anything).
 *
 * @param array $atts room, height, view.
 * @param array $o    Settings.
 */
function ethora_chat_clean_atts( $atts, $o ) {
	$room = isset( $atts['room'] ) && is_string( $atts['room'] ) ? strtolower( trim( $atts['room'] ) ) : '';
	if ( '' !== $room && false === strpos( $room, '@' ) && '' !== $o['muc_service'] ) {
		$room .= '@' . $o['muc_service'];
	}
	$height = isset( $atts['height'] ) && is_string( $atts['height'] ) ? trim( $atts['height'] ) : '';
	$view   = isset( $atts['view'] ) && is_string( $atts['view'] ) ? trim( $atts['view'] ) : '';
	return array(
		'room'   => ethora_chat_valid_room( $room ) ? $room : '',
		'height' => preg_match( '/^\d{2,4}(px|vh|em|rem)$/', $height ) ? $height : '480px',
		'view'   => in_array( $view, ethora_chat_choices()['view'], true ) ? $view : $o['view'],
	);
}

/**
 * The chat's markup for the current visitor.
 *
 * @param array $atts room, height, view (unvalidated).
 * @return string HTML.
 */
function ethora_chat_render( $atts ) {
	$o = ethora_chat_options();
	if ( ! ethora_chat_configured( $o ) ) {
		return current_user_can( 'manage_options' )
			? '<p class="ethora-chat-notice">' . esc_html__( 'Ethora Chat is not configured yet:', 'ethora-chat' ) . ' <a href="' . esc_url( admin_url( 'options-general.php?page=ethora-chat' ) ) . '">' . esc_html__( 'Settings → Ethora Chat', 'ethora-chat' ) . '</a></p>'
			: '';
	}
	$a      = ethora_chat_clean_atts( $atts, $o );
	$config = array(
		'service' => $o['service'],
		'view'    => $a['view'],
		'dialect' => $o['dialect'],
		'lang'    => $o['lang'],
	);
	if ( '' !== $a['room'] ) {
		$config['room'] = $a['room'];
	} else {
		$config['rooms'] = $o['rooms'];
	}
	$style = 'floating' === $a['view'] ? '' : 'height:' . $a['height'];
	if ( is_user_logged_in() ) {
		$config['mode'] = 'sso';
		$config['nick'] = wp_get_current_user()->display_name;
	} elseif ( 'signin' === $o['guest_mode'] || '' === $o['guest_domain'] ) {
		$url = wp_login_url( is_singular() ? get_permalink() : home_url( '/' ) );
		return '<p class="ethora-chat-signin"><a href="' . esc_url( $url ) . '">' . esc_html__( 'Sign in to chat', 'ethora-chat' ) . '</a></p>';
	} else {
		$config['mode']  = $o['guest_mode'];
		$config['guest'] = $o['guest_domain'];
		if ( 'readonly' === $o['guest_mode'] ) {
			$config['nick'] = __( 'Reader', 'ethora-chat' ) . ' ' . __( '(guest)', 'ethora-chat' );
		}
	}
	ethora_chat_enqueue();
	$html = '<div class="ethora-chat-wp" data-ethora-chat="' . esc_attr( wp_json_encode( $config ) ) . '" style="' . esc_attr( $style ) . '">';
	if ( 'guest' === ( $config['mode'] ?? '' ) ) {
		$id    = wp_unique_id( 'ethora-chat-nick-' );
		$html .= '<form class="ethora-chat-guest-form"><p>' . esc_html__( 'You are not signed in. Chat as a guest: others will see your nickname marked as a guest.', 'ethora-chat' ) . '</p>'
			. '<label for="' . esc_attr( $id ) . '">' . esc_html__( 'Nickname', 'ethora-chat' ) . '</label> <input id="' . esc_attr( $id ) . '" name="nick" maxlength="30" required autocomplete="nickname"> '
			. '<button type="submit">' . esc_html__( 'Chat as guest', 'ethora-chat' ) . '</button> <span class="ethora-chat-guest-error" role="alert"></span>'
			. ' <a href="' . esc_url( wp_login_url( is_singular() ? get_permalink() : home_url( '/' ) ) ) . '">' . esc_html__( 'or sign in', 'ethora-chat' ) . '</a></form>';
	}
	$html .= '<noscript>' . esc_html__( 'The chat needs JavaScript.', 'ethora-chat' ) . '</noscript></div>';
	return $html;
}

/** [ethora_chat room="…" height="…" view="…"] */
function ethora_chat_shortcode( $atts ) {
	return ethora_chat_render( shortcode_atts( array( 'room' => '', 'height' => '', 'view' => '' ), $atts, 'ethora_chat' ) );
}

/** The floating chat on every front-end page, when the setting is on. */
function ethora_chat_floating_footer() {
	$o = ethora_chat_options();
	if ( is_admin() || empty( $o['floating_all'] ) ) {
		return;
	}
	echo ethora_chat_render( array( 'view' => 'floating' ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts.
}

/** Block editor: the widget and glue, so the block's preview is the live chat. */
function ethora_chat_editor_assets() {
	$o = ethora_chat_options();
	wp_enqueue_style( 'ethora-chat-wp' );
	wp_enqueue_script( 'ethora-chat-wp' );
	wp_localize_script( 'ethora-chat-wp', 'ethoraChatWp', ethora_chat_script_data() );
	wp_add_inline_script(
		'ethora-chat-wp',
		'window.ethoraChatWp.editor = ' . wp_json_encode(
			array(
				'configured' => ethora_chat_configured( $o ),
				'service'    => $o['service'],
				'rooms'      => $o['rooms'],
				'muc'        => $o['muc_service'],
				'dialect'    => $o['dialect'],
				'lang'       => $o['lang'],
				'nick'       => wp_get_current_user()->display_name,
			)
		) . ';',
		'before'
	);
}
