<?php
/**
 * Settings → Ethora Chat: the form (stored through options.php, so WordPress checks the
 * manage_options capability and the form's nonce), and the "Test connection" AJAX action
 * (capability and nonce checked here).
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_action( 'admin_init', 'ethora_chat_admin_init' );
add_action( 'admin_menu', 'ethora_chat_admin_menu' );
add_action( 'wp_ajax_ethora_chat_test_connection', 'ethora_chat_ajax_test' );
add_filter( 'plugin_action_links_' . plugin_basename( ETHORA_CHAT_FILE ), 'ethora_chat_action_links' );

/** Registers the option with its validation. */
function ethora_chat_admin_init() {
	register_setting( 'ethora_chat', ETHORA_CHAT_OPTION, array( 'type' => 'array', 'sanitize_callback' => 'ethora_chat_sanitize' ) );
}

/** Adds the page under Settings. */
function ethora_chat_admin_menu() {
	$hook = add_options_page( __( 'Ethora Chat', 'ethora-chat' ), __( 'Ethora Chat', 'ethora-chat' ), 'manage_options', 'ethora-chat', 'ethora_chat_settings_page' );
	add_action(
		'admin_enqueue_scripts',
		static function ( $current ) use ( $hook ) {
			if ( $current === $hook ) {
				ethora_chat_admin_scripts();
			}
		}
	);
}

/** "Settings" link on the Plugins screen. */
function ethora_chat_action_links( $links ) {
	$links[] = '<a href="' . esc_url( admin_url( 'options-general.php?page=ethora-chat' ) ) . '">' . esc_html__( 'Settings', 'ethora-chat' ) . '</a>';
	return $links;
}

/** The page's script, with the AJAX nonce. */
function ethora_chat_admin_scripts() {
	wp_enqueue_script( 'ethora-chat-admin', ETHORA_CHAT_URL . 'assets/admin.js', array(), ETHORA_CHAT_VERSION, true );
	wp_add_inline_style( 'common', '#ethora-chat-test-result.ethora-chat-ok{color:#00700f}#ethora-chat-test-result.ethora-chat-error{color:#b32d2e;font-weight:600}' );
	wp_localize_script(
		'ethora-chat-admin',
		'ethoraChatAdmin',
		array(
			'ajax'    => admin_url( 'admin-ajax.php' ),
			'nonce'   => wp_create_nonce( 'ethora_chat_test' ),
			'testing' => __( 'Testing…', 'ethora-chat' ),
			'failed'  => __( 'The test could not run (no answer from WordPress).', 'ethora-chat' ),
		)
	);
}

/** AJAX: tests the values currently in the form (saved or not). */
function ethora_chat_ajax_test() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_send_json_error( array( 'message' => __( 'You are not allowed to do this.', 'ethora-chat' ) ), 403 );
	}
	check_ajax_referer( 'ethora_chat_test' );
	$o = ethora_chat_options();
	foreach ( array( 'domain', 'guest_domain', 'guest_mode' ) as $key ) {
		if ( isset( $_POST[ $key ] ) && is_string( $_POST[ $key ] ) ) {
			$o[ $key ] = strtolower( trim( sanitize_text_field( wp_unslash( $_POST[ $key ] ) ) ) );
		}
	}
	if ( ! in_array( $o['guest_mode'], ethora_chat_choices()['guest_mode'], true ) ) {
		$o['guest_mode'] = 'signin';
	}
	foreach ( array( 'domain', 'guest_domain' ) as $key ) {
		if ( '' !== $o[ $key ] && ! ethora_chat_valid_domain( $o[ $key ] ) ) {
			wp_send_json_error( array( 'message' => __( 'Enter domain names such as chat.example.com.', 'ethora-chat' ) ) );
		}
	}
	$o['service'] = isset( $_POST['service'] ) && is_string( $_POST['service'] ) ? trim( wp_unslash( $_POST['service'] ) ) : $o['service']; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validated by the probe.
	$r            = ethora_chat_check_connection( $o );
	$r['ok'] ? wp_send_json_success( array( 'message' => $r['message'] ) ) : wp_send_json_error( array( 'message' => $r['message'] ) );
}

/** One text row of the form. */
function ethora_chat_text_row( $o, $key, $label, $help, $type = 'text' ) {
	printf(
		'<tr><th scope="row"><label for="ethora-chat-%1$s">%2$s</label></th><td><input type="%5$s" class="regular-text" id="ethora-chat-%1$s" name="%3$s[%1$s]" value="%4$s" aria-describedby="ethora-chat-%1$s-help"><p class="description" id="ethora-chat-%1$s-help">%6$s</p></td></tr>',
		esc_attr( $key ),
		esc_html( $label ),
		esc_attr( ETHORA_CHAT_OPTION ),
		esc_attr( (string) $o[ $key ] ),
		esc_attr( $type ),
		esc_html( $help )
	);
}

/** One select row of the form. */
function ethora_chat_select_row( $o, $key, $label, $labels ) {
	printf( '<tr><th scope="row"><label for="ethora-chat-%1$s">%2$s</label></th><td><select id="ethora-chat-%1$s" name="%3$s[%1$s]">', esc_attr( $key ), esc_html( $label ), esc_attr( ETHORA_CHAT_OPTION ) );
	foreach ( $labels as $value => $text ) {
		printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $value ), selected( $o[ $key ], $value, false ), esc_html( $text ) );
	}
	echo '</select></td></tr>';
}

/** Renders Settings → Ethora Chat. */
function ethora_chat_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$o = ethora_chat_options();
	echo '<div class="wrap"><h1>' . esc_html__( 'Ethora Chat', 'ethora-chat' ) . '</h1>';
	echo '<form method="post" action="' . esc_url( admin_url( 'options.php' ) ) . '">';
	settings_fields( 'ethora_chat' );
	echo '<h2>' . esc_html__( 'Chat server', 'ethora-chat' ) . '</h2><table class="form-table" role="presentation">';
	ethora_chat_text_row( $o, 'service', __( 'Chat server (WebSocket)', 'ethora-chat' ), __( 'e.g. wss://chat.example.com/ws', 'ethora-chat' ), 'url' );
	ethora_chat_text_row( $o, 'domain', __( 'XMPP domain of WordPress users', 'ethora-chat' ), __( 'The ejabberd host with auth_method: jwt, e.g. wp.example.com', 'ethora-chat' ) );
	ethora_chat_text_row( $o, 'muc_service', __( 'Room service', 'ethora-chat' ), __( 'Lets a shortcode or block name a room by its name alone, e.g. conference.example.com', 'ethora-chat' ) );
	ethora_chat_text_row( $o, 'rooms', __( 'Default rooms', 'ethora-chat' ), __( 'Room addresses separated by spaces, e.g. lobby@conference.example.com', 'ethora-chat' ) );
	ethora_chat_text_row( $o, 'jid_prefix', __( 'Account prefix', 'ethora-chat' ), __( 'A user\'s chat account is <prefix>-<user ID>@<domain>', 'ethora-chat' ) );
	echo '<tr><th scope="row"><label for="ethora-chat-jwt_secret">' . esc_html__( 'Signing key', 'ethora-chat' ) . '</label></th><td>';
	echo '<input type="password" class="regular-text" id="ethora-chat-jwt_secret" name="' . esc_attr( ETHORA_CHAT_OPTION ) . '[jwt_secret]" value="" autocomplete="new-password" aria-describedby="ethora-chat-jwt_secret-help">';
	echo '<p class="description" id="ethora-chat-jwt_secret-help">' . esc_html( '' !== $o['jwt_secret'] ? __( 'A key is saved (not shown). Leave empty to keep it.', 'ethora-chat' ) : __( 'No key saved yet: the shared secret of the server\'s jwt_key, at least 32 characters.', 'ethora-chat' ) ) . '</p>';
	if ( '' !== $o['jwt_secret'] ) {
		echo '<label><input type="checkbox" name="' . esc_attr( ETHORA_CHAT_OPTION ) . '[jwt_secret_clear]" value="1"> ' . esc_html__( 'Remove the saved key', 'ethora-chat' ) . '</label>';
	}
	echo '</td></tr>';
	ethora_chat_text_row( $o, 'token_ttl', __( 'Token lifetime (seconds)', 'ethora-chat' ), __( 'How long a sign-in token is valid: 10 to 3600. The widget asks for a new one on every connect.', 'ethora-chat' ), 'number' );
	echo '</table><p><button type="button" class="button" id="ethora-chat-test">' . esc_html__( 'Test connection', 'ethora-chat' ) . '</button> <span id="ethora-chat-test-result" role="status" aria-live="polite"></span></p>';

	echo '<h2>' . esc_html__( 'Appearance', 'ethora-chat' ) . '</h2><table class="form-table" role="presentation">';
	ethora_chat_select_row( $o, 'view', __( 'View', 'ethora-chat' ), array( 'embedded' => __( 'Embedded in the page', 'ethora-chat' ), 'floating' => __( 'Floating button', 'ethora-chat' ), 'fullscreen' => __( 'Full screen', 'ethora-chat' ) ) );
	echo '<tr><th scope="row">' . esc_html__( 'Floating chat', 'ethora-chat' ) . '</th><td><label><input type="checkbox" name="' . esc_attr( ETHORA_CHAT_OPTION ) . '[floating_all]" value="1"' . checked( $o['floating_all'], 1, false ) . '> ' . esc_html__( 'Show the floating chat on every page', 'ethora-chat' ) . '</label></td></tr>';
	ethora_chat_select_row( $o, 'dialect', __( 'Dialect', 'ethora-chat' ), array( 'standard' => __( 'Standard XMPP', 'ethora-chat' ), 'ethora' => __( 'Ethora', 'ethora-chat' ) ) );
	ethora_chat_select_row( $o, 'lang', __( 'Language', 'ethora-chat' ), array( '' => __( 'The page\'s language', 'ethora-chat' ), 'en' => 'English', 'es' => 'Español', 'ar' => 'العربية' ) );
	ethora_chat_text_row( $o, 'accent', __( 'Accent colour', 'ethora-chat' ), __( '#rrggbb, empty for the default', 'ethora-chat' ) );
	ethora_chat_text_row( $o, 'background', __( 'Background colour', 'ethora-chat' ), __( '#rrggbb, empty for the default', 'ethora-chat' ) );
	ethora_chat_text_row( $o, 'text', __( 'Text colour', 'ethora-chat' ), __( '#rrggbb, empty for the default', 'ethora-chat' ) );
	echo '</table><h2>' . esc_html__( 'Visitors who are not signed in', 'ethora-chat' ) . '</h2><table class="form-table" role="presentation">';
	ethora_chat_select_row( $o, 'guest_mode', __( 'Visitors', 'ethora-chat' ), array( 'signin' => __( 'See a sign-in link', 'ethora-chat' ), 'readonly' => __( 'Read the room (as anonymous guests)', 'ethora-chat' ), 'guest' => __( 'Chat as guests with a nickname they choose', 'ethora-chat' ) ) );
	ethora_chat_text_row( $o, 'guest_domain', __( 'Guest domain', 'ethora-chat' ), __( 'The ejabberd host with auth_method: anonymous, e.g. guest.example.com', 'ethora-chat' ) );
	echo '</table>';
	submit_button();
	echo '</form></div>';
}
