%%% Stats (Ethora's mod_send_message_to_stat): each room message with a body is POSTed as JSON to
%%% `url` (Authorization: Bearer `token`): room, from (the sender's real bare JID), nick, id (the
%%% room's archive id), ts (unix ms), length (characters). Asynchronous and bounded (ethora_post).
-module(mod_ethora_stats).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_opt_type/1, mod_doc/0]).
-export([muc_filter_message/3]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("mod_muc_room.hrl").

start(Host, _Opts) ->
    {ok, _} = application:ensure_all_started(inets),
    %% After mod_mam (50): the message has its stanza-id, and refused messages never get here.
    ejabberd_hooks:add(muc_filter_message, Host, ?MODULE, muc_filter_message, 90),
    ok.

stop(Host) ->
    ejabberd_hooks:delete(muc_filter_message, Host, ?MODULE, muc_filter_message, 90),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_opt_type(url) -> econf:binary();
mod_opt_type(token) -> econf:binary().
mod_options(_Host) -> [{url, <<>>}, {token, <<>>}].
mod_doc() -> #{desc => ["POSTs each room message's metadata to a stats service."]}.

muc_filter_message(#message{from = From, body = Body} = Pkt, #state{jid = Room, server_host = SH}, Nick) when Body /= [] ->
    try
        Id = case xmpp:get_subtag(Pkt, #stanza_id{by = #jid{}}) of
                 #stanza_id{id = SId} -> SId;
                 _ -> <<>>
             end,
        Json = jiffy:encode(#{<<"room">> => jid:encode(jid:remove_resource(Room)),
                                  <<"from">> => jid:encode(jid:remove_resource(From)),
                                  <<"nick">> => Nick, <<"id">> => Id,
                                  <<"ts">> => erlang:system_time(millisecond),
                                  <<"length">> => string:length(xmpp:get_text(Body))}),
        Token = gen_mod:get_module_opt(SH, ?MODULE, token),
        ethora_post:post(gen_mod:get_module_opt(SH, ?MODULE, url), "application/json", Json,
                         [{"authorization", "Bearer " ++ binary_to_list(Token)}])
    catch Class:Reason:Stack -> ?ERROR_MSG("stats POST failed: ~p:~p ~p", [Class, Reason, Stack])
    end,
    Pkt;
muc_filter_message(Acc, _St, _Nick) -> Acc.
