<?php
/**
 * Plugin Name:       Ethora Chat
 * Description:       Group chat rooms on your pages (the ethora-chat widget, XMPP/ejabberd): shortcode, block and floating chat, with single sign-on for WordPress users and guests.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       ethora-chat
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'ETHORA_CHAT_VERSION', '0.1.0' );
define( 'ETHORA_CHAT_FILE', __FILE__ );
define( 'ETHORA_CHAT_DIR', plugin_dir_path( __FILE__ ) );
define( 'ETHORA_CHAT_URL', plugin_dir_url( __FILE__ ) );

require_once ETHORA_CHAT_DIR . 'includes/settings.php';
require_once ETHORA_CHAT_DIR . 'includes/token.php';
require_once ETHORA_CHAT_DIR . 'includes/probe.php';
require_once ETHORA_CHAT_DIR . 'includes/rest.php';
require_once ETHORA_CHAT_DIR . 'includes/render.php';

if ( is_admin() ) {
	require_once ETHORA_CHAT_DIR . 'includes/admin-page.php';
}

add_action( 'init', 'ethora_chat_register_assets' );
add_action( 'init', 'ethora_chat_register_block' );
add_action( 'rest_api_init', 'ethora_chat_register_rest' );
add_shortcode( 'ethora_chat', 'ethora_chat_shortcode' );
add_action( 'wp_footer', 'ethora_chat_floating_footer', 5 );
add_action( 'enqueue_block_editor_assets', 'ethora_chat_editor_assets' );
