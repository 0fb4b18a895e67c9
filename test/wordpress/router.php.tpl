<?php
// Router of `php -S` for the test site (rendered by test/wordpress/site.mjs): Debian's WordPress
// picks /etc/wordpress/config-{{CONFIG}}.php through WORDPRESS_CONFIG; /wp-content/ comes from
// the site's own folder; other paths are WordPress's files or its front controller.
$_SERVER['WORDPRESS_CONFIG'] = '{{CONFIG}}';
$ethora_root    = '/usr/share/wordpress';
$ethora_content = '{{CONTENT}}';
$ethora_path    = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( false !== strpos( $ethora_path, '..' ) || false !== strpos( $ethora_path, "\0" ) ) {
	http_response_code( 400 );
	return true;
}
if ( 0 === strpos( $ethora_path, '/wp-content/' ) ) {
	$ethora_file  = $ethora_content . substr( $ethora_path, 11 );
	$ethora_types = array( 'css' => 'text/css', 'js' => 'text/javascript', 'json' => 'application/json', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'gif' => 'image/gif', 'svg' => 'image/svg+xml', 'webp' => 'image/webp', 'woff2' => 'font/woff2', 'woff' => 'font/woff', 'txt' => 'text/plain' );
	$ethora_ext   = strtolower( pathinfo( $ethora_file, PATHINFO_EXTENSION ) );
	if ( is_file( $ethora_file ) && isset( $ethora_types[ $ethora_ext ] ) ) {
		header( 'Content-Type: ' . $ethora_types[ $ethora_ext ] );
		header( 'Content-Length: ' . filesize( $ethora_file ) );
		readfile( $ethora_file );
		return true;
	}
	http_response_code( 404 );
	return true;
}
$ethora_file = $ethora_root . $ethora_path;
if ( is_dir( $ethora_file ) ) {
	$ethora_file = rtrim( $ethora_file, '/' ) . '/index.php';
}
if ( ! is_file( $ethora_file ) ) {
	$ethora_file = $ethora_root . '/index.php';
} elseif ( '.php' !== substr( $ethora_file, -4 ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = substr( $ethora_file, strlen( $ethora_root ) );
$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
$_SERVER['SCRIPT_FILENAME'] = $ethora_file;
chdir( dirname( $ethora_file ) );
require $ethora_file;
return true;
