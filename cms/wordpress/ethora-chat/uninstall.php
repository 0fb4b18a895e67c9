<?php
/**
 * Uninstall: removes the plugin's own option (on every site of a network), nothing else.
 *
 * @package EthoraChat
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $ethora_chat_site ) {
		switch_to_blog( $ethora_chat_site );
		delete_option( 'ethora_chat_options' );
		restore_current_blog();
	}
} else {
	delete_option( 'ethora_chat_options' );
}
