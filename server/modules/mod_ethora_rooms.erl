%%% Ethora's room lists (mod_get_user_rooms, mod_get_users_activity) as one module:
%%%   ns:getrooms             IQ get, no `to`: the rooms the user is subscribed to (MucSub) or
%%%                           affiliated with: jid, name, users_cnt, room_thumbnail, room_background
%%%   ns:getrooms:setprofile  IQ set, room owners only: a room's thumbnail and background URLs
%%%   ns:room:last            IQ get room='<jid>', members of the room only: each member's name,
%%%                           role (affiliation), ban_status, last_active (unix s); RSM paging, 50 a page
%%% Answered from the user's bare JID (registered on ejabberd_sm, as Ethora's clients send them
%%% without `to`); a request to someone else's JID is refused. Images are kept in SQL
%%% (table ethora_room_profile, created when missing). Empty values are the string "none".
-module(mod_ethora_rooms).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([process_rooms/1, process_setprofile/1, process_last/1, disco_features/5, decode_iq_subel/1]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("ejabberd_sql_pt.hrl").
-include("mod_muc_room.hrl").

-define(NS_ROOMS, <<"ns:getrooms">>).
-define(NS_SETPROFILE, <<"ns:getrooms:setprofile">>).
-define(NS_ROOM_LAST, <<"ns:room:last">>).
-define(PAGE, 50).
-define(MAX_URL, 2048).

%% gen_iq_handler decodes a handler's <query/> with this when exported: ours are not in p1_xmpp's
%% codec (it would answer "Unknown tag"), so the handler gets the element as it came.
decode_iq_subel(El) -> El.

start(Host, _Opts) ->
    create_table(Host),
    [gen_iq_handler:add_iq_handler(ejabberd_sm, Host, NS, ?MODULE, Fun)
     || {NS, Fun} <- handlers()],
    ejabberd_hooks:add(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:add(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

stop(Host) ->
    [gen_iq_handler:remove_iq_handler(ejabberd_sm, Host, NS) || {NS, _} <- handlers()],
    ejabberd_hooks:delete(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:delete(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

handlers() -> [{?NS_ROOMS, process_rooms}, {?NS_SETPROFILE, process_setprofile}, {?NS_ROOM_LAST, process_last}].
reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [{mod_muc, hard}, {mod_last, soft}].
mod_options(_Host) -> [].
mod_doc() -> #{desc => ["Ethora's ns:getrooms, ns:getrooms:setprofile and ns:room:last."]}.

disco_features({error, _} = Acc, _From, _To, _Node, _Lang) -> Acc;
disco_features(Acc, _From, _To, <<>>, _Lang) ->
    Old = case Acc of {result, F} -> F; _ -> [] end,
    {result, Old ++ ([?NS_ROOMS, ?NS_SETPROFILE, ?NS_ROOM_LAST] -- Old)};
disco_features(Acc, _From, _To, _Node, _Lang) -> Acc.

create_table(Host) ->
    case ejabberd_sql:sql_query(Host, [<<"create table if not exists ethora_room_profile ("
                                         "room text not null primary key, thumbnail text not null, "
                                         "background text not null)">>]) of
        {updated, _} -> ok;
        Other -> ?ERROR_MSG("creating table ethora_room_profile on ~ts: ~p", [Host, Other])
    end.

%% ---- common ----

%% Runs F for an IQ to the sender's own bare JID; anything else is refused.
own(#iq{from = From, to = To, lang = Lang} = IQ, F) ->
    case jid:remove_resource(jid:tolower(From)) == jid:remove_resource(jid:tolower(To)) of
        false -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"Ask your own account">>, Lang));
        true ->
            try F()
            catch Class:Reason:Stack ->
                    ?ERROR_MSG("~ts failed: ~p:~p ~p", [xmpp:get_ns(IQ), Class, Reason, Stack]),
                    xmpp:make_error(IQ, xmpp:err_internal_server_error())
            end
    end.

query_el(#iq{sub_els = [#xmlel{} = El]}) -> El;
query_el(_) -> undefined.

none(<<>>) -> <<"none">>;
none(V) -> V.

%% The room's state by its JID (any node of the cluster), or error.
room_state(RoomJID) ->
    #jid{luser = Name, lserver = Host} = RoomJID,
    case mod_muc:find_online_room(Name, Host) of
        {ok, Pid} -> case catch mod_muc_room:get_state(Pid) of {ok, #state{} = S} -> {ok, S}; _ -> error end;
        error -> error
    end.

parse_room(Bin, ServerHost) ->
    case catch jid:decode(Bin) of
        #jid{luser = U, lserver = S, lresource = <<>>} = J when U /= <<>> ->
            case lists:member(S, gen_mod:get_module_opt_hosts(ServerHost, mod_muc)) of
                true -> {ok, J};
                false -> error
            end;
        _ -> error
    end.

%% Owners, admins, members, subscribers and occupants: bare LJID => {affiliation, nick}.
members(#state{affiliations = Affs, muc_subscribers = #muc_subscribers{subscribers = Subs}, users = Users}) ->
    M0 = maps:fold(fun({U, S, _}, A, M) ->
                           Aff = case A of {Af, _} -> Af; Af -> Af end,
                           case lists:member(Aff, [owner, admin, member, outcast]) of
                               true -> M#{{U, S, <<>>} => {Aff, U}};
                               false -> M
                           end
                   end, #{}, Affs),
    M1 = maps:fold(fun(_, #subscriber{jid = J, nick = Nick}, M) ->
                           K = jid:remove_resource(jid:tolower(J)),
                           {Aff, _} = maps:get(K, M, {none, Nick}),
                           M#{K => {Aff, Nick}}
                   end, M0, Subs),
    maps:fold(fun(_, #user{jid = J, nick = Nick}, M) ->
                      K = jid:remove_resource(jid:tolower(J)),
                      case maps:is_key(K, M) of true -> M; false -> M#{K => {none, Nick}} end
              end, M1, Users).

is_member(LJID, St) ->
    case maps:find(LJID, members(St)) of
        {ok, {outcast, _}} -> false;
        {ok, _} -> true;
        error -> false
    end.

%% ---- ns:getrooms ----

process_rooms(#iq{type = get, from = From, to = #jid{lserver = SH}} = IQ) ->
    own(IQ, fun() ->
        Me = jid:remove_resource(jid:tolower(From)),
        Rooms = lists:flatmap(
                  fun(MucHost) ->
                          [R || {Name, Host, Pid} <- mod_muc:get_online_rooms(MucHost),
                                R <- room_item(SH, Me, Name, Host, Pid)]
                  end, gen_mod:get_module_opt_hosts(SH, mod_muc)),
        xmpp:make_iq_result(IQ, #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, ?NS_ROOMS}], children = Rooms})
    end);
process_rooms(#iq{lang = Lang} = IQ) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"ns:getrooms is a get">>, Lang)).

room_item(SH, Me, Name, Host, Pid) ->
    case catch mod_muc_room:get_state(Pid) of
        {ok, #state{config = Config} = St} ->
            Members = members(St),
            case maps:find(Me, Members) of
                {ok, {Aff, _}} when Aff /= outcast ->
                    Jid = jid:encode({Name, Host, <<>>}),
                    {Thumb, Back} = profile(SH, Jid),
                    Count = length([K || {K, {A, _}} <- maps:to_list(Members), A /= outcast]),
                    [#xmlel{name = <<"room">>,
                            attrs = [{<<"jid">>, Jid}, {<<"name">>, none(Config#config.title)},
                                     {<<"users_cnt">>, integer_to_binary(Count)},
                                     {<<"room_thumbnail">>, none(Thumb)}, {<<"room_background">>, none(Back)}]}];
                _ -> []
            end;
        _ -> []
    end.

profile(SH, Room) ->
    case ejabberd_sql:sql_query(SH, ?SQL("select @(thumbnail)s, @(background)s from ethora_room_profile where room=%(Room)s")) of
        {selected, [{T, B}]} -> {T, B};
        _ -> {<<>>, <<>>}
    end.

%% ---- ns:getrooms:setprofile ----

process_setprofile(#iq{type = set, from = From, to = #jid{lserver = SH}, lang = Lang} = IQ) ->
    own(IQ, fun() ->
        El = query_el(IQ),
        Attr = fun(N) -> case El of undefined -> <<>>; _ -> fxml:get_tag_attr_s(N, El) end end,
        case {parse_room(Attr(<<"room">>), SH), url(Attr(<<"room_thumbnail">>)), url(Attr(<<"room_background">>))} of
            {error, _, _} -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"room must be a room JID of this server">>, Lang));
            {_, error, _} -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"room_thumbnail must be an http(s) URL">>, Lang));
            {_, _, error} -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"room_background must be an http(s) URL">>, Lang));
            {{ok, RoomJID}, {ok, Thumb}, {ok, Back}} ->
                case room_state(RoomJID) of
                    error -> xmpp:make_error(IQ, xmpp:err_item_not_found(<<"No such room">>, Lang));
                    {ok, St} ->
                        case mod_muc_room:get_affiliation(From, St) of
                            owner ->
                                Room = jid:encode(RoomJID),
                                {OldT, OldB} = profile(SH, Room),
                                T = keep(Thumb, OldT), B = keep(Back, OldB),
                                case ?SQL_UPSERT(SH, "ethora_room_profile", ["!room=%(Room)s", "thumbnail=%(T)s", "background=%(B)s"]) of
                                    ok -> xmpp:make_iq_result(IQ);
                                    Err -> ?ERROR_MSG("storing ~ts's profile: ~p", [Room, Err]),
                                           xmpp:make_error(IQ, xmpp:err_internal_server_error())
                                end;
                            _ -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"Only the room's owners may set its images">>, Lang))
                        end
                end
        end
    end);
process_setprofile(#iq{lang = Lang} = IQ) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"ns:getrooms:setprofile is a set">>, Lang)).

%% An attribute left out keeps the old value; "none" clears it.
url(<<>>) -> {ok, keep};
url(<<"none">>) -> {ok, <<>>};
url(U) when byte_size(U) =< ?MAX_URL ->
    case uri_string:parse(U) of
        #{scheme := S, host := H} when H /= <<>> ->
            case string:lowercase(S) of
                <<"https">> -> {ok, U};
                <<"http">> -> {ok, U};
                _ -> error
            end;
        _ -> error
    end;
url(_) -> error.

keep(keep, Old) -> Old;
keep(New, _) -> New.

%% ---- ns:room:last ----

process_last(#iq{type = get, from = From, to = #jid{lserver = SH}, lang = Lang} = IQ) ->
    own(IQ, fun() ->
        El = query_el(IQ),
        RoomAttr = case El of undefined -> <<>>; _ -> fxml:get_tag_attr_s(<<"room">>, El) end,
        case parse_room(RoomAttr, SH) of
            error -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"room must be a room JID of this server">>, Lang));
            {ok, RoomJID} ->
                case room_state(RoomJID) of
                    error -> xmpp:make_error(IQ, xmpp:err_item_not_found(<<"No such room">>, Lang));
                    {ok, St} ->
                        case is_member(jid:remove_resource(jid:tolower(From)), St) of
                            false -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"Only the room's members may list them">>, Lang));
                            true -> activity_page(IQ, El, St)
                        end
                end
        end
    end);
process_last(#iq{lang = Lang} = IQ) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"ns:room:last is a get">>, Lang)).

activity_page(#iq{lang = Lang} = IQ, El, St) ->
    All = lists:keysort(1, [{jid:encode(K), V} || {K, V} <- maps:to_list(members(St))]),
    case rsm(El) of
        error -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"Bad RSM <set/>">>, Lang));
        {Max, After} ->
            Rest = [M || {J, _} = M <- All, After == undefined orelse J > After],
            Page = lists:sublist(Rest, Max),
            Items = [activity(J, Aff, Nick) || {J, {Aff, Nick}} <- Page],
            Set = #xmlel{name = <<"set">>, attrs = [{<<"xmlns">>, ?NS_RSM}],
                         children = [#xmlel{name = <<"count">>, children = [{xmlcdata, integer_to_binary(length(All))}]}
                                     | case Page of
                                           [] -> [];
                                           _ -> [#xmlel{name = <<"first">>, attrs = [{<<"index">>, integer_to_binary(length(All) - length(Rest))}],
                                                        children = [{xmlcdata, element(1, hd(Page))}]},
                                                 #xmlel{name = <<"last">>, children = [{xmlcdata, element(1, lists:last(Page))}]}]
                                       end]},
            xmpp:make_iq_result(IQ, #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, ?NS_ROOM_LAST}], children = Items ++ [Set]})
    end.

rsm(undefined) -> {?PAGE, undefined};
rsm(El) ->
    case fxml:get_subtag_with_xmlns(El, <<"set">>, ?NS_RSM) of
        false -> {?PAGE, undefined};
        Set ->
            Max = case fxml:get_path_s(Set, [{elem, <<"max">>}, cdata]) of
                      <<>> -> {ok, ?PAGE};
                      M when byte_size(M) > 9 -> error;
                      M -> case catch binary_to_integer(M) of
                               N when is_integer(N), N >= 0 -> {ok, min(N, ?PAGE)};
                               _ -> error
                           end
                  end,
            After = case fxml:get_subtag(Set, <<"after">>) of
                        false -> undefined;
                        A -> fxml:get_tag_cdata(A)
                    end,
            case Max of {ok, N2} -> {N2, After}; error -> error end
    end.

activity(Jid, Aff, Nick) ->
    {U, S, _} = jid:tolower(jid:decode(Jid)),
    Last = case ejabberd_sm:get_user_resources(U, S) of
               [_ | _] -> erlang:system_time(second);
               [] -> case catch mod_last:get_last_info(U, S) of
                         {ok, TS, _} -> TS;
                         _ -> 0
                     end
           end,
    #xmlel{name = <<"activity">>,
           attrs = [{<<"jid">>, Jid}, {<<"name">>, none(Nick)}, {<<"role">>, atom_to_binary(Aff)},
                    {<<"ban_status">>, case Aff of outcast -> <<"banned">>; _ -> <<"clear">> end},
                    {<<"last_active">>, integer_to_binary(Last)}, {<<"profile">>, <<"none">>}]}.
