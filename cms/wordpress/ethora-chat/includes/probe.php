<?php
/**
 * "Test connection": opens an XMPP-over-WebSocket stream (RFC 7395) to the configured server
 * from WordPress and says in words what is wrong: unreachable, TLS, not a WebSocket, not XMPP,
 * domain not served, or sign-in method missing (PLAIN for the JWT domain, ANONYMOUS for guests).
 *
 * @package EthoraChat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Probes one domain on the server.
 *
 * @param string $url     ws:// or wss:// address.
 * @param string $domain  XMPP domain to open a stream to.
 * @param int    $timeout Seconds per step.
 * @return array { ok: bool, message: string, mechanisms: string[] }
 */
function ethora_chat_probe( $url, $domain, $timeout = 5 ) {
	$fail = static fn( $message ) => array( 'ok' => false, 'message' => $message, 'mechanisms' => array() );
	if ( ! ethora_chat_valid_service( $url ) ) {
		return $fail( __( 'The chat server address must start with ws:// or wss:// and name a host.', 'ethora-chat' ) );
	}
	$p    = wp_parse_url( $url );
	$tls  = 'wss' === strtolower( $p['scheme'] );
	$host = trim( $p['host'], '[]' );
	$port = isset( $p['port'] ) ? (int) $p['port'] : ( $tls ? 443 : 80 );
	$path = ( isset( $p['path'] ) ? $p['path'] : '/' ) . ( isset( $p['query'] ) ? '?' . $p['query'] : '' );
	$addr = ( false !== strpos( $host, ':' ) ? '[' . $host . ']' : $host ) . ':' . $port;
	$ctx  = stream_context_create( array( 'ssl' => array( 'peer_name' => $host, 'verify_peer' => true, 'verify_peer_name' => true ) ) );

	$warning = '';
	set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler
		static function ( $no, $str ) use ( &$warning ) {
			$warning .= ' ' . $str;
			return true;
		}
	);
	$fp = stream_socket_client( ( $tls ? 'tls://' : 'tcp://' ) . $addr, $errno, $errstr, $timeout, STREAM_CLIENT_CONNECT, $ctx );
	$tcp_ok = false;
	if ( ! $fp && $tls ) {
		$tcp = stream_socket_client( 'tcp://' . $addr, $e2, $s2, $timeout );
		if ( $tcp ) {
			$tcp_ok = true;
			fclose( $tcp );
		}
	}
	restore_error_handler();
	if ( ! $fp ) {
		if ( $tcp_ok ) {
			$why = preg_match( '/certificate verify failed|certificate/i', $warning )
				? __( 'its certificate is not trusted or does not match the host name', 'ethora-chat' )
				: __( 'it does not speak TLS on that port (is it a ws:// address?)', 'ethora-chat' );
			/* translators: 1: host:port, 2: reason */
			return $fail( sprintf( __( 'Reached %1$s, but the secure (TLS) connection failed: %2$s.', 'ethora-chat' ), $addr, $why ) );
		}
		/* translators: 1: host:port, 2: system error */
		return $fail( sprintf( __( 'Cannot reach %1$s: %2$s. Check the address and that the server is running and reachable from this web server.', 'ethora-chat' ), $addr, $errstr ? $errstr : __( 'no answer', 'ethora-chat' ) ) );
	}
	stream_set_timeout( $fp, $timeout );
	$key = base64_encode( random_bytes( 16 ) );
	fwrite( $fp, "GET {$path} HTTP/1.1\r\nHost: {$addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {$key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n" );
	$head = '';
	while ( false === strpos( $head, "\r\n\r\n" ) && strlen( $head ) < 16384 ) {
		$chunk = fread( $fp, 1 );
		if ( false === $chunk || '' === $chunk ) {
			break;
		}
		$head .= $chunk;
	}
	if ( ! preg_match( '#^HTTP/1\.[01] (\d{3})#', $head, $m ) ) {
		fclose( $fp );
		return $fail( __( 'The server answered, but not with HTTP: this is not a WebSocket address.', 'ethora-chat' ) );
	}
	$accept = base64_encode( sha1( $key . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true ) );
	if ( '101' !== $m[1] || false === stripos( $head, $accept ) ) {
		fclose( $fp );
		/* translators: %s: HTTP status code */
		return $fail( sprintf( __( 'The server answered HTTP %s instead of opening a WebSocket: check the path (ejabberd serves XMPP on /ws).', 'ethora-chat' ), $m[1] ) );
	}
	if ( ! preg_match( '/^Sec-WebSocket-Protocol:\s*xmpp\s*$/mi', $head ) ) {
		fclose( $fp );
		return $fail( __( 'This is a WebSocket, but not an XMPP one (it refused the "xmpp" subprotocol).', 'ethora-chat' ) );
	}
	fwrite( $fp, ethora_chat_ws_frame( '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="' . esc_attr( $domain ) . '" version="1.0"/>' ) );
	$xml = '';
	for ( $i = 0; $i < 4 && false === strpos( $xml, 'mechanisms' ) && false === strpos( $xml, 'stream:error' ); $i++ ) {
		$frame = ethora_chat_ws_read( $fp );
		if ( null === $frame ) {
			break;
		}
		$xml .= $frame;
	}
	fwrite( $fp, ethora_chat_ws_frame( '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>' ) );
	fclose( $fp );
	if ( false !== strpos( $xml, 'host-unknown' ) ) {
		/* translators: %s: XMPP domain */
		return $fail( sprintf( __( 'The XMPP server answers, but does not serve the domain %s.', 'ethora-chat' ), $domain ) );
	}
	if ( false === strpos( $xml, 'urn:ietf:params:xml:ns:xmpp-framing' ) || ! preg_match_all( '#<mechanism>([A-Z0-9_-]+)</mechanism>#', $xml, $mm ) ) {
		return $fail( __( 'The WebSocket opened, but the server did not answer as an XMPP server.', 'ethora-chat' ) );
	}
	return array( 'ok' => true, 'message' => '', 'mechanisms' => $mm[1] );
}

/** A masked text frame (clients must mask, RFC 6455 §5.3). */
function ethora_chat_ws_frame( $payload ) {
	$len  = strlen( $payload );
	$mask = random_bytes( 4 );
	$head = chr( 0x81 ) . ( $len < 126 ? chr( 0x80 | $len ) : chr( 0x80 | 126 ) . pack( 'n', $len ) );
	$body = '';
	for ( $i = 0; $i < $len; $i++ ) {
		$body .= $payload[ $i ] ^ $mask[ $i % 4 ];
	}
	return $head . $mask . $body;
}

/** Reads exactly $n bytes, or null. */
function ethora_chat_ws_bytes( $fp, $n ) {
	$out = '';
	while ( strlen( $out ) < $n ) {
		$chunk = fread( $fp, $n - strlen( $out ) );
		if ( false === $chunk || '' === $chunk ) {
			return null;
		}
		$out .= $chunk;
	}
	return $out;
}

/** Reads one frame's payload (at most 64 KB), or null on timeout, close or a bad frame. */
function ethora_chat_ws_read( $fp ) {
	$h = ethora_chat_ws_bytes( $fp, 2 );
	if ( null === $h || 0x8 === ( ord( $h[0] ) & 0x0f ) ) {
		return null;
	}
	$len = ord( $h[1] ) & 0x7f;
	if ( 126 === $len ) {
		$ext = ethora_chat_ws_bytes( $fp, 2 );
		$len = null === $ext ? 0 : unpack( 'n', $ext )[1];
	} elseif ( 127 === $len ) {
		return null;
	}
	return $len > 65536 ? null : ethora_chat_ws_bytes( $fp, $len );
}

/**
 * The whole check the settings page runs: the users' domain must offer PLAIN (the token goes
 * through it); with guest chat or read-only guests, the guest domain must offer ANONYMOUS.
 *
 * @param array $o Settings (possibly unsaved values from the form).
 * @return array { ok: bool, message: string }
 */
function ethora_chat_check_connection( $o ) {
	if ( '' === $o['domain'] ) {
		return array( 'ok' => false, 'message' => __( 'Enter the XMPP domain of WordPress users first.', 'ethora-chat' ) );
	}
	$r = ethora_chat_probe( $o['service'], $o['domain'] );
	if ( ! $r['ok'] ) {
		return $r;
	}
	if ( ! in_array( 'PLAIN', $r['mechanisms'], true ) ) {
		/* translators: 1: domain, 2: offered mechanisms */
		return array( 'ok' => false, 'message' => sprintf( __( 'The server serves %1$s but does not offer password sign-in (PLAIN), which token sign-in needs; it offers: %2$s. Is auth_method: jwt set for this host?', 'ethora-chat' ), $o['domain'], implode( ', ', $r['mechanisms'] ) ) );
	}
	/* translators: %s: domain */
	$message = sprintf( __( 'Connected: the XMPP server answers for %s and accepts token sign-in.', 'ethora-chat' ), $o['domain'] );
	if ( 'signin' !== $o['guest_mode'] ) {
		if ( '' === $o['guest_domain'] ) {
			return array( 'ok' => false, 'message' => $message . ' ' . __( 'Guests need a guest domain: enter it, or choose "sign-in link" for visitors.', 'ethora-chat' ) );
		}
		$g = ethora_chat_probe( $o['service'], $o['guest_domain'] );
		if ( ! $g['ok'] || ! in_array( 'ANONYMOUS', $g['mechanisms'], true ) ) {
			/* translators: %s: guest domain */
			$why = $g['ok'] ? sprintf( __( 'The guest domain %s does not offer anonymous sign-in (auth_method: anonymous).', 'ethora-chat' ), $o['guest_domain'] ) : $g['message'];
			return array( 'ok' => false, 'message' => $message . ' ' . $why );
		}
		/* translators: %s: guest domain */
		$message .= ' ' . sprintf( __( 'Guests can sign in anonymously on %s.', 'ethora-chat' ), $o['guest_domain'] );
	}
	return array( 'ok' => true, 'message' => $message );
}
