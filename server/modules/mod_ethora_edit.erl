%%% Edit: Ethora's <replace id='<archive id>' text='…'/> (mod_edit) and XEP-0308 corrections
%%% (<replace id='<message id>' xmlns='urn:xmpp:message-correct:0'/> with the new <body/>).
%%% The author's archived message (MAM, SQL) gets the new text and <replaced timestamp/>;
%%% an edit of anyone else's message is refused with an error and changes nothing. The author is
%%% decided by the real JID the archive row was stored with, never by nick.
-module(mod_ethora_edit).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([muc_filter_message/3, user_receive_packet/1]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("mod_muc_room.hrl").

-define(NS_CORRECT, <<"urn:xmpp:message-correct:0">>).
-define(NS_ETHORA_EDIT, <<"ethora:message:edit">>).
-define(MAX_TEXT, 65536).

start(Host, _Opts) ->
    ejabberd_hooks:add(muc_filter_message, Host, ?MODULE, muc_filter_message, 41),
    ejabberd_hooks:add(user_receive_packet, Host, ?MODULE, user_receive_packet, 41),
    ok.

stop(Host) ->
    ejabberd_hooks:delete(muc_filter_message, Host, ?MODULE, muc_filter_message, 41),
    ejabberd_hooks:delete(user_receive_packet, Host, ?MODULE, user_receive_packet, 41),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [{mod_mam, hard}, {mod_muc, hard}].
mod_options(_Host) -> [].
mod_doc() -> #{desc => ["Ethora edit and XEP-0308 corrections applied to the SQL archive."]}.

muc_filter_message(#message{} = Pkt, #state{} = St, _Nick) ->
    ethora_archive:guarded(fun() -> filter(Pkt, St) end, Pkt, "edit");
muc_filter_message(Acc, _St, _Nick) -> Acc.

filter(#message{from = From} = Pkt, St) ->
    Lang = xmpp:get_lang(Pkt),
    case command(Pkt) of
        none -> Pkt;
        {ethora, IdBin, Text} -> reply(Pkt, edit_by_archive_id(St, From, IdBin, Text, Lang));
        {correct, MsgId} -> reply(Pkt, correct(St, From, MsgId, xmpp:get_text(Pkt#message.body), Lang))
    end.

%% The edit is relayed to the room's clients (Ethora's carries no body, so it is not archived as a
%% message of its own; a XEP-0308 correction is, as clients expect).
reply(Pkt, ok) -> Pkt;
reply(Pkt, {error, Err}) -> ethora_archive:error_reply(Pkt, Err), drop.

command(Pkt) ->
    #xmlel{children = Els} = xmpp:encode(Pkt),
    Found = [cmd(N, fxml:get_tag_attr_s(<<"xmlns">>, El), El) || #xmlel{name = N} = El <- Els],
    case [C || C <- Found, C /= none] of
        [First | _] -> First;
        [] -> none
    end.

cmd(<<"replace">>, NS, El) when NS == <<>>; NS == ?NS_CLIENT ->
    {ethora, fxml:get_tag_attr_s(<<"id">>, El), fxml:get_tag_attr_s(<<"text">>, El)};
cmd(<<"replace">>, ?NS_CORRECT, El) -> {correct, fxml:get_tag_attr_s(<<"id">>, El)};
cmd(_, _, _) -> none.

check_text(Text, Lang) ->
    case string:trim(Text) of
        <<>> -> {error, xmpp:err_bad_request(<<"The new text is empty">>, Lang)};
        _ when byte_size(Text) > ?MAX_TEXT -> {error, xmpp:err_policy_violation(<<"The new text is too long">>, Lang)};
        _ -> ok
    end.

edit_by_archive_id(#state{server_host = SH, jid = Room}, From, IdBin, Text, Lang) ->
    case {ethora_archive:sql_ready(SH), ethora_archive:parse_id(IdBin), check_text(Text, Lang)} of
        {false, _, _} -> {error, xmpp:err_feature_not_implemented(<<"This server's archive is not in SQL">>, Lang)};
        {_, error, _} -> {error, xmpp:err_bad_request(<<"The id must be the message's archive id (stanza-id)">>, Lang)};
        {_, _, {error, _} = E} -> E;
        {true, {ok, Id}, ok} ->
            case ethora_archive:find(SH, Room, Id) of
                not_found -> {error, xmpp:err_item_not_found(<<"No such message in this room">>, Lang)};
                error -> {error, xmpp:err_internal_server_error()};
                {ok, Author, El} ->
                    case Author == ethora_archive:bare(From) of
                        false -> {error, xmpp:err_forbidden(<<"Only its author may edit a message">>, Lang)};
                        true -> store(SH, Room, Id, El, Text)
                    end
            end
    end.

correct(#state{server_host = SH, jid = Room}, From, MsgId, Text, Lang) ->
    case {ethora_archive:sql_ready(SH), MsgId, check_text(Text, Lang)} of
        {false, _, _} -> {error, xmpp:err_feature_not_implemented(<<"This server's archive is not in SQL">>, Lang)};
        {_, <<>>, _} -> {error, xmpp:err_bad_request(<<"The correction names no message id">>, Lang)};
        {_, _, {error, _} = E} -> E;
        {true, _, ok} ->
            case ethora_archive:find_own_by_msg_id(SH, Room, From, MsgId) of
                not_found -> {error, xmpp:err_item_not_found(<<"No message of yours with this id in this room">>, Lang)};
                error -> {error, xmpp:err_internal_server_error()};
                {ok, Id, El} -> store(SH, Room, Id, El, Text)
            end
    end.

store(SH, Room, Id, El, Text) ->
    case fxml:get_subtag(El, <<"deleted">>) of
        false -> store_new_text(SH, Room, Id, El, Text);
        _ -> {error, xmpp:err_not_allowed(<<"A deleted message cannot be edited">>, <<>>)}
    end.

store_new_text(SH, Room, Id, El, Text) ->
    case ethora_archive:rewrite(SH, Room, Id, ethora_archive:replaced(El, Text, ethora_archive:now_ms()), Text) of
        ok -> ok;
        error -> {error, xmpp:err_internal_server_error()}
    end.

user_receive_packet(Acc) ->
    ethora_archive:add_room_features(Acc, [?NS_CORRECT, ?NS_ETHORA_EDIT]).
