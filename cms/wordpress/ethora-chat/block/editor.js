/* The "Ethora Chat" block: room, height and view in the sidebar; the preview is the live
 * widget (signed in as the editor through the same token route). Saved as a dynamic block:
 * the page is rendered by PHP like the shortcode. Plain JS on the editor's globals. */
(function (wp) {
  'use strict';
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var SelectControl = wp.components.SelectControl;
  var HEIGHT = /^\d{2,4}(px|vh|em|rem)$/;

  /** The live widget for these options; mounted again 600 ms after the room stops changing. */
  function Preview(props) {
    var ref = wp.element.useRef(null);
    var room = props.room;
    wp.element.useEffect(
      function () {
        var host = ref.current;
        var data = window.ethoraChatWp || {};
        var cfg = data.editor || {};
        if (!host || !cfg.configured || !data.mount) return undefined;
        var timer = setTimeout(function () {
          var r = room.trim().toLowerCase();
          if (r && r.indexOf('@') < 0 && cfg.muc) r += '@' + cfg.muc;
          data.mount(host, {
            mode: 'sso',
            service: cfg.service,
            room: r,
            rooms: r ? '' : cfg.rooms,
            view: 'embedded',
            dialect: cfg.dialect,
            lang: cfg.lang,
            nick: cfg.nick,
          });
        }, 600);
        return function () {
          clearTimeout(timer);
          host.replaceChildren();
        };
      },
      [room],
    );
    return el('div', { ref: ref, className: 'ethora-chat-wp ethora-chat-preview', style: { height: HEIGHT.test(props.height) ? props.height : '480px' } });
  }

  wp.blocks.registerBlockType('ethora/chat', {
    edit: function (props) {
      var a = props.attributes;
      var cfg = (window.ethoraChatWp && window.ethoraChatWp.editor) || {};
      var summary =
        __('Ethora Chat', 'ethora-chat') +
        ' · ' +
        (a.room || __('default rooms', 'ethora-chat')) +
        ' · ' +
        (a.view || __('default view', 'ethora-chat')) +
        (a.view === 'floating' ? ' (' + __('preview shown embedded', 'ethora-chat') + ')' : '');
      return el(
        'div',
        useBlockProps(),
        el(
          InspectorControls,
          null,
          el(
            PanelBody,
            { title: __('Chat', 'ethora-chat') },
            el(TextControl, {
              label: __('Room', 'ethora-chat'),
              help: __('A room name or address; empty for the default rooms.', 'ethora-chat'),
              value: a.room,
              onChange: function (v) {
                props.setAttributes({ room: v });
              },
            }),
            el(TextControl, {
              label: __('Height', 'ethora-chat'),
              help: __('e.g. 480px or 70vh', 'ethora-chat'),
              value: a.height,
              onChange: function (v) {
                props.setAttributes({ height: v });
              },
            }),
            el(SelectControl, {
              label: __('View', 'ethora-chat'),
              value: a.view,
              options: [
                { label: __('Site default', 'ethora-chat'), value: '' },
                { label: __('Embedded', 'ethora-chat'), value: 'embedded' },
                { label: __('Floating', 'ethora-chat'), value: 'floating' },
                { label: __('Full screen', 'ethora-chat'), value: 'fullscreen' },
              ],
              onChange: function (v) {
                props.setAttributes({ view: v });
              },
            }),
          ),
        ),
        el('p', { className: 'ethora-chat-block-summary' }, summary),
        cfg.configured
          ? el(Preview, { room: a.room || '', height: a.height })
          : el('p', null, __('Ethora Chat is not configured yet: Settings → Ethora Chat.', 'ethora-chat')),
      );
    },
    save: function () {
      return null;
    },
  });
})(window.wp);
