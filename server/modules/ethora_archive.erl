%%% Shared by the Ethora modules of the server kit: a room's MAM archive rows in SQL (SQLite or
%%% PostgreSQL, ejabberd's new schema), found by the room's stanza-id (the archive id) or by the
%%% sender's message id, rewritten in place; who may act on a row; feature advertising.
-module(ethora_archive).

-export([parse_id/1, find/3, find_own_by_msg_id/4, rewrite/5, bare/1,
         is_moderator/2, tombstone/3, replaced/3, now_ms/0,
         error_reply/2, add_room_features/2, sql_ready/1, guarded/3]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("ejabberd_sql_pt.hrl").
-include("mod_muc_room.hrl").

-define(MAX_ID, 9223372036854775807).
-define(SCAN_LIMIT, 500).

%% The archive id of a message: the room's stanza-id, a positive integer (microseconds).
-spec parse_id(binary() | undefined) -> {ok, pos_integer()} | error.
parse_id(Bin) when is_binary(Bin), byte_size(Bin) > 0, byte_size(Bin) =< 19 ->
    try binary_to_integer(Bin) of
        N when N > 0, N =< ?MAX_ID -> {ok, N};
        _ -> error
    catch _:_ -> error
    end;
parse_id(_) -> error.

%% Archive storage is SQL on this host (the modules rewrite rows in the archive table).
-spec sql_ready(binary()) -> boolean().
sql_ready(ServerHost) ->
    mod_mam_opt:db_type(ServerHost) == sql.

-spec bare(jid()) -> binary().
bare(JID) -> jid:encode(jid:tolower(jid:remove_resource(JID))).

%% {ok, AuthorBareJid, XmlElement} of archive row Id of room RoomJID.
-spec find(binary(), jid(), pos_integer()) -> {ok, binary(), fxml:xmlel()} | not_found | error.
find(ServerHost, RoomJID, Id) ->
    Room = bare(RoomJID),
    case ejabberd_sql:sql_query(
           ServerHost,
           ?SQL("select @(bare_peer)s, @(xml)s from archive"
                " where username=%(Room)s and timestamp=%(Id)d and %(ServerHost)H")) of
        {selected, [{Peer, Xml}]} -> decode(Peer, Xml);
        {selected, []} -> not_found;
        Err -> ?ERROR_MSG("archive lookup ~ts/~p failed: ~p", [Room, Id, Err]), error
    end.

%% The newest of Author's archived messages in the room whose id (or origin-id) is MsgId:
%% {ok, ArchiveId, XmlElement}. XEP-0308 names the corrected message by its sender's id.
-spec find_own_by_msg_id(binary(), jid(), jid(), binary()) -> {ok, integer(), fxml:xmlel()} | not_found | error.
find_own_by_msg_id(ServerHost, RoomJID, Author, MsgId) ->
    Room = bare(RoomJID),
    Peer = bare(Author),
    case ejabberd_sql:sql_query(
           ServerHost,
           ?SQL("select @(timestamp)d, @(xml)s from archive"
                " where username=%(Room)s and bare_peer=%(Peer)s and %(ServerHost)H"
                " order by timestamp desc limit 500")) of
        {selected, Rows} ->
            Found = lists:search(
                      fun({_, Xml}) ->
                              case decode(Peer, Xml) of
                                  {ok, _, El} -> msg_ids(El) /= [] andalso lists:member(MsgId, msg_ids(El));
                                  _ -> false
                              end
                      end, lists:sublist(Rows, ?SCAN_LIMIT)),
            case Found of
                {value, {TS, Xml}} -> {ok, _, El} = decode(Peer, Xml), {ok, TS, El};
                false -> not_found
            end;
        Err -> ?ERROR_MSG("archive scan ~ts failed: ~p", [Room, Err]), error
    end.

msg_ids(#xmlel{attrs = Attrs} = El) ->
    Origin = [fxml:get_tag_attr_s(<<"id">>, O) || #xmlel{name = <<"origin-id">>} = O <- El#xmlel.children,
                                                  fxml:get_tag_attr_s(<<"xmlns">>, O) == ?NS_SID_0],
    [I || I <- [proplists:get_value(<<"id">>, Attrs, <<>>) | Origin], I /= <<>>].

decode(Peer, Xml) ->
    try fxml_stream:parse_element(Xml) of
        #xmlel{} = El -> {ok, Peer, El};
        _ -> error
    catch _:_ -> error
    end.

%% Replaces row Id's stored stanza and text (the text MAM full-text search reads).
-spec rewrite(binary(), jid(), pos_integer(), fxml:xmlel(), binary()) -> ok | error.
rewrite(ServerHost, RoomJID, Id, El, Txt) ->
    Room = bare(RoomJID),
    Xml = fxml:element_to_binary(El),
    case ejabberd_sql:sql_query(
           ServerHost,
           ?SQL("update archive set xml=%(Xml)s, txt=%(Txt)s"
                " where username=%(Room)s and timestamp=%(Id)d and %(ServerHost)H")) of
        {updated, 1} -> ok;
        Err -> ?ERROR_MSG("archive rewrite ~ts/~p failed: ~p", [Room, Id, Err]), error
    end.

%% Owners, admins and moderator-role occupants of the room (by real JID).
-spec is_moderator(jid(), #state{}) -> boolean().
is_moderator(From, StateData) ->
    lists:member(mod_muc_room:get_affiliation(From, StateData), [owner, admin])
        orelse mod_muc_room:get_role(From, StateData) == moderator.

%% The stored stanza with its content gone: only addressing, ids and the sender's muc#user item
%% stay; the body becomes Ethora's "deleted" with <deleted timestamp/> and XEP-0424's <retracted/>.
-spec tombstone(fxml:xmlel(), [fxml:xmlel()], integer()) -> fxml:xmlel().
tombstone(#xmlel{children = Children} = El, Extra, Ms) ->
    Kept = [C || #xmlel{name = N} = C <- Children,
                 lists:member(N, [<<"stanza-id">>, <<"origin-id">>, <<"x">>]),
                 lists:member(fxml:get_tag_attr_s(<<"xmlns">>, C), [?NS_SID_0, ?NS_MUC_USER])],
    Stamp = xmpp_util:encode_timestamp(erlang:timestamp()),
    El#xmlel{children = Kept ++
                 [#xmlel{name = <<"body">>, children = [{xmlcdata, <<"deleted">>}]},
                  #xmlel{name = <<"deleted">>, attrs = [{<<"timestamp">>, integer_to_binary(Ms)}]},
                  #xmlel{name = <<"retracted">>, attrs = [{<<"xmlns">>, <<"urn:xmpp:message-retract:1">>},
                                                          {<<"stamp">>, Stamp}], children = Extra}]}.

%% The stored stanza with a new body and Ethora's <replaced timestamp/> (the last edit's time).
-spec replaced(fxml:xmlel(), binary(), integer()) -> fxml:xmlel().
replaced(#xmlel{children = Children} = El, Text, Ms) ->
    Rest = [C || C <- Children, not is_named(C, [<<"body">>, <<"replaced">>])],
    El#xmlel{children = [#xmlel{name = <<"body">>, children = [{xmlcdata, Text}]} | Rest] ++
                 [#xmlel{name = <<"replaced">>, attrs = [{<<"timestamp">>, integer_to_binary(Ms)}]}]}.

is_named(#xmlel{name = N}, Names) -> lists:member(N, Names);
is_named(_, _) -> false.

now_ms() -> erlang:system_time(millisecond).

%% Runs a hook's work; a crash in it is logged and answered internal-server-error to the sender
%% (ejabberd would otherwise log it and let the unfiltered stanza through: fail closed).
guarded(Fun, Stanza, What) ->
    try Fun()
    catch Class:Reason:Stack ->
            ?ERROR_MSG("~ts failed: ~p:~p ~p", [What, Class, Reason, Stack]),
            Err = xmpp:err_internal_server_error(),
            case Stanza of
                #iq{} -> xmpp:make_error(Stanza, Err);
                _ -> error_reply(Stanza, Err), drop
            end
    end.

%% Sends Err back to the sender of Pkt (from the room).
error_reply(Pkt, Err) ->
    ejabberd_router:route_error(Pkt, Err).

%% user_receive_packet helper: a room's disco#info answer gets Features added (mod_muc_room has
%% no hook for its features; the answer passes through the asking user's session here).
add_room_features({#iq{type = result, from = #jid{luser = U, lserver = S}} = IQ, #{lserver := LServer} = C2S} = Acc,
                  Features) when U /= <<>> ->
    case lists:member(S, gen_mod:get_module_opt_hosts(LServer, mod_muc)) of
        false -> Acc;
        true ->
            try xmpp:get_subtag(IQ, #disco_info{}) of
                #disco_info{node = <<>>, features = F} = Info ->
                    {xmpp:set_els(IQ, [Info#disco_info{features = F ++ (Features -- F)}]), C2S};
                _ -> Acc
            catch _:_ -> Acc
            end
    end;
add_room_features(Acc, _Features) -> Acc.
