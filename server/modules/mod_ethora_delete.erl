%%% Delete that deletes: Ethora's <delete id/> (mod_delete), XEP-0424 retraction by the author and
%%% XEP-0425 moderation (urn:xmpp:message-moderate:1, and the older :0 apply-to form) by a room
%%% moderator. The archived message (MAM, SQL) is rewritten to a tombstone: its text is gone,
%%% <deleted/> and <retracted/> remain. The author is decided by the real JID the archive row was
%%% stored with, never by nick. A moderator's deletion of someone else's message (either way) is
%%% announced by the room itself to every occupant in both XEP-0425 generations.
-module(mod_ethora_delete).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([muc_filter_message/3, muc_process_iq/2, user_receive_packet/1]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("mod_muc_room.hrl").

-define(NS_RETRACT, <<"urn:xmpp:message-retract:1">>).
-define(NS_MODERATE, <<"urn:xmpp:message-moderate:1">>).
-define(NS_MODERATE_0, <<"urn:xmpp:message-moderate:0">>).
-define(NS_RETRACT_0, <<"urn:xmpp:message-retract:0">>).
-define(NS_FASTEN, <<"urn:xmpp:fasten:0">>).
-define(NS_ETHORA_DELETE, <<"ethora:message:delete">>).
-define(MAX_REASON, 1024).

start(Host, _Opts) ->
    %% Before mod_mam (50): the command is judged before anything is archived or broadcast.
    ejabberd_hooks:add(muc_filter_message, Host, ?MODULE, muc_filter_message, 40),
    ejabberd_hooks:add(muc_process_iq, Host, ?MODULE, muc_process_iq, 40),
    ejabberd_hooks:add(user_receive_packet, Host, ?MODULE, user_receive_packet, 40),
    ok.

stop(Host) ->
    ejabberd_hooks:delete(muc_filter_message, Host, ?MODULE, muc_filter_message, 40),
    ejabberd_hooks:delete(muc_process_iq, Host, ?MODULE, muc_process_iq, 40),
    ejabberd_hooks:delete(user_receive_packet, Host, ?MODULE, user_receive_packet, 40),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [{mod_mam, hard}, {mod_muc, hard}].
mod_options(_Host) -> [].
mod_doc() -> #{desc => ["Ethora delete, XEP-0424 retraction and XEP-0425 moderation applied to the SQL archive."]}.

%% ---- messages to a room ----

muc_filter_message(#message{} = Pkt, #state{} = St, _Nick) ->
    ethora_archive:guarded(fun() -> filter(Pkt, St) end, Pkt, "delete");
muc_filter_message(Acc, _St, _Nick) -> Acc.

filter(#message{from = From} = Pkt, St) ->
    case command(Pkt) of
        none -> without_tombstone(Pkt);
        {Kind, IdBin} ->
            case delete(St, From, IdBin, Kind, fun() -> moderated(From, St, <<>>, 1) end, xmpp:get_lang(Pkt)) of
                %% Ethora's command carries a dummy body ("wow"): without it, it is relayed to
                %% the room's clients but not archived as a message of its own.
                {ok, Mine} when Kind == ethora ->
                    %% A moderator deleted someone else's message: the room says so itself, so
                    %% clients that only trust the room for that (XEP-0425) show it too.
                    Mine orelse announce(St, From, IdBin, <<>>),
                    Pkt#message{body = []};
                {ok, _} -> Pkt;
                {error, Err} -> ethora_archive:error_reply(Pkt, Err), drop
            end
    end.

%% A client's message may not carry what this module writes into a deleted message's archive row
%% (<retracted/>, the moderation inside it): clients trust a tombstone of this server's rooms.
without_tombstone(#message{sub_els = Els} = Pkt) ->
    Pkt#message{sub_els = [E || E <- Els, not is_tombstone(E)]}.

is_tombstone(El) ->
    case catch {xmpp:get_name(El), xmpp:get_ns(El)} of
        {<<"retracted">>, NS} when NS == ?NS_RETRACT; NS == ?NS_RETRACT_0 -> true;
        {<<"moderated">>, _} -> true;
        _ -> false
    end.

%% {ethora, Id} for Ethora's <delete id/>, {retract, Id} for XEP-0424, else none.
command(Pkt) ->
    #xmlel{children = Els} = xmpp:encode(Pkt),
    Found = [{kind(N, fxml:get_tag_attr_s(<<"xmlns">>, El)), fxml:get_tag_attr_s(<<"id">>, El)}
             || #xmlel{name = N} = El <- Els],
    case [C || {K, _} = C <- Found, K /= none] of
        [First | _] -> First;
        [] -> none
    end.

kind(<<"delete">>, NS) when NS == <<>>; NS == ?NS_CLIENT -> ethora;
kind(<<"retract">>, ?NS_RETRACT) -> retract;
kind(_, _) -> none.

%% ---- XEP-0425 ----
%% :1  <iq type=set to=room><moderate id xmlns=…moderate:1><retract xmlns=…retract:1/><reason/></moderate></iq>
%% :0  <iq type=set to=room><apply-to id xmlns=urn:xmpp:fasten:0><moderate xmlns=…moderate:0>
%%       <retract xmlns=…retract:0/><reason/></moderate></apply-to></iq>

muc_process_iq(#iq{type = set, sub_els = [#xmlel{name = N}]} = IQ, #state{} = St)
  when N == <<"moderate">>; N == <<"apply-to">> ->
    ethora_archive:guarded(fun() -> moderate(IQ, St) end, IQ, "moderation");
muc_process_iq(IQ, _St) -> IQ.

moderate(#iq{from = From, lang = Lang, sub_els = [El]} = IQ, #state{} = St) ->
    case request(El) of
        none -> IQ;
        {IdBin, HasRetract, Reason} ->
            Result = case {HasRetract, ethora_archive:is_moderator(From, St)} of
                         {false, _} -> {error, xmpp:err_bad_request(<<"Only <retract/> moderation is supported">>, Lang)};
                         {_, false} -> {error, xmpp:err_forbidden(<<"Only moderators may moderate messages">>, Lang)};
                         _ -> delete(St, From, IdBin, moderate, fun() -> moderated(From, St, Reason, 1) end, Lang)
                     end,
            case Result of
                {ok, _} -> announce(St, From, IdBin, Reason), xmpp:make_iq_result(IQ);
                {error, Err} -> xmpp:make_error(IQ, Err)
            end
    end.

%% {ArchiveId, HasRetract, Reason} of a moderation request in either generation, else none.
request(#xmlel{name = <<"moderate">>} = El) ->
    case fxml:get_tag_attr_s(<<"xmlns">>, El) of
        ?NS_MODERATE -> {fxml:get_tag_attr_s(<<"id">>, El), has(El, <<"retract">>, ?NS_RETRACT), reason(El)};
        _ -> none
    end;
request(#xmlel{name = <<"apply-to">>} = El) ->
    Mod = [M || #xmlel{name = <<"moderate">>} = M <- El#xmlel.children, fxml:get_tag_attr_s(<<"xmlns">>, M) == ?NS_MODERATE_0],
    case {fxml:get_tag_attr_s(<<"xmlns">>, El), Mod} of
        {?NS_FASTEN, [M | _]} -> {fxml:get_tag_attr_s(<<"id">>, El), has(M, <<"retract">>, ?NS_RETRACT_0), reason(M)};
        _ -> none
    end.

has(El, Name, NS) ->
    [R || #xmlel{name = N} = R <- El#xmlel.children, N == Name, fxml:get_tag_attr_s(<<"xmlns">>, R) == NS] /= [].

reason(El) ->
    unicode:characters_to_binary(string:slice(fxml:get_path_s(El, [{elem, <<"reason">>}, cdata]), 0, ?MAX_REASON)).

nick_of(From, #state{users = Users}) ->
    case maps:find(jid:tolower(From), Users) of
        {ok, #user{nick = Nick}} -> Nick;
        error -> <<>>
    end.

by(From, #state{jid = Room} = St) -> jid:encode(jid:replace_resource(Room, nick_of(From, St))).

%% What the tombstone keeps of a moderation (inside <retracted/>), or (:0) inside <apply-to/>.
moderated(From, St, Reason, 1) ->
    [#xmlel{name = <<"moderated">>, attrs = [{<<"xmlns">>, ?NS_MODERATE}, {<<"by">>, by(From, St)}]}
     | [#xmlel{name = <<"reason">>, children = [{xmlcdata, Reason}]} || Reason /= <<>>]];
moderated(From, St, Reason, 0) ->
    [#xmlel{name = <<"moderated">>, attrs = [{<<"xmlns">>, ?NS_MODERATE_0}, {<<"by">>, by(From, St)}],
            children = [#xmlel{name = <<"retract">>, attrs = [{<<"xmlns">>, ?NS_RETRACT_0}]}
                        | [#xmlel{name = <<"reason">>, children = [{xmlcdata, Reason}]} || Reason /= <<>>]]}].

%% The room's moderation notice, in both generations in one message (a client reads the one it knows).
announce(St, From, IdBin, Reason) ->
    broadcast(St, [#xmlel{name = <<"retract">>, attrs = [{<<"xmlns">>, ?NS_RETRACT}, {<<"id">>, IdBin}],
                          children = moderated(From, St, Reason, 1)},
                   #xmlel{name = <<"apply-to">>, attrs = [{<<"xmlns">>, ?NS_FASTEN}, {<<"id">>, IdBin}],
                          children = moderated(From, St, Reason, 0)}]).

%% The moderation notice to every occupant, and wrapped to MucSub subscribers not in the room.
broadcast(#state{jid = Room, users = Users, muc_subscribers = #muc_subscribers{subscribers = Subs}}, Els) ->
    Msg = #message{type = groupchat, from = Room, id = p1_rand:get_string(), sub_els = Els},
    Present = lists:usort([jid:remove_resource(jid:tolower(J)) || #user{jid = J} <- maps:values(Users)]),
    [ejabberd_router:route(Msg#message{to = J}) || #user{jid = J} <- maps:values(Users)],
    [ejabberd_router:route(#message{from = Room, to = J, id = Msg#message.id,
                                    sub_els = [#ps_event{items = #ps_items{node = ?NS_MUCSUB_NODES_MESSAGES,
                                                                            items = [#ps_item{id = Msg#message.id, sub_els = [Msg#message{to = J}]}]}}]})
     || #subscriber{jid = J, nodes = Nodes} <- maps:values(Subs),
        lists:member(?NS_MUCSUB_NODES_MESSAGES, Nodes),
        not lists:member(jid:remove_resource(jid:tolower(J)), Present)],
    ok.

%% ---- the archive ----

%% {ok, Mine} once row IdBin of the room is a tombstone (Mine: the sender wrote it); the tombstone
%% keeps ModeratedFun()'s elements when a moderator removed someone else's message.
delete(#state{server_host = SH, jid = Room} = St, From, IdBin, Kind, ModeratedFun, Lang) ->
    case ethora_archive:sql_ready(SH) andalso target(SH, Room, From, IdBin, Kind) of
        false -> {error, xmpp:err_feature_not_implemented(<<"This server's archive is not in SQL">>, Lang)};
        bad_id -> {error, xmpp:err_bad_request(<<"The id must be the message's archive id (stanza-id)">>, Lang)};
        not_found -> {error, xmpp:err_item_not_found(<<"No such message in this room">>, Lang)};
        error -> {error, xmpp:err_internal_server_error()};
        {ok, Id, Author, El} ->
            Mine = Author == ethora_archive:bare(From),
            Allowed = case Kind of
                          retract -> Mine;
                          ethora -> Mine orelse ethora_archive:is_moderator(From, St);
                          moderate -> true
                      end,
            case Allowed of
                false -> {error, xmpp:err_forbidden(<<"Only its author or a moderator may delete a message">>, Lang)};
                true ->
                    Extra = case Kind == moderate orelse not Mine of true -> ModeratedFun(); false -> [] end,
                    case ethora_archive:rewrite(SH, Room, Id, ethora_archive:tombstone(El, Extra, ethora_archive:now_ms()), <<>>) of
                        ok -> {ok, Mine};
                        error -> {error, xmpp:err_internal_server_error()}
                    end
            end
    end.

%% The archive row a command names: {ok, ArchiveId, AuthorBareJid, Xml} | bad_id | not_found | error.
%% By its archive id (the room's stanza-id): what Ethora's delete, XEP-0425 and XEP-0424 (in a
%% room, since 0.4) name. A XEP-0424 retraction may instead name the sender's own message id or
%% origin-id, as Converse.js (14) does in rooms too: the sender's newest such row then.
target(SH, Room, From, IdBin, Kind) ->
    ById = case ethora_archive:parse_id(IdBin) of
               {ok, Id} ->
                   case ethora_archive:find(SH, Room, Id) of
                       {ok, Author, El} -> {ok, Id, Author, El};
                       Other -> Other
                   end;
               error -> bad_id
           end,
    Own = fun(Else) ->
                  case ethora_archive:find_own_by_msg_id(SH, Room, From, IdBin) of
                      {ok, Id2, El2} -> {ok, Id2, ethora_archive:bare(From), El2};
                      not_found -> Else;
                      error -> error
                  end
          end,
    case {Kind, ById} of
        {retract, {ok, _, Author2, _}} ->
            case Author2 == ethora_archive:bare(From) of
                true -> ById;
                false -> Own(ById)
            end;
        {retract, bad_id} when IdBin /= <<>> -> Own(not_found);
        {retract, not_found} -> Own(not_found);
        _ -> ById
    end.

user_receive_packet(Acc) ->
    ethora_archive:add_room_features(Acc, [?NS_RETRACT, ?NS_MODERATE, ?NS_MODERATE_0, ?NS_ETHORA_DELETE]).
