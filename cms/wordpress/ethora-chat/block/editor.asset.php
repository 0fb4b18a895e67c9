<?php
/**
 * Dependencies of block/editor.js (plain JavaScript on the editor's globals, no build step).
 *
 * @package EthoraChat
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'ethora-chat-wp' ),
	'version'      => '0.1.0',
);
