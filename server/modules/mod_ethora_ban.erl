%%% Ethora's ban (mod_user_ban): <iq type='set'><query xmlns='ns:deepx:muc:user:ban' action='ban|unban|get_list'
%%% user='<bare jid>' type='room|all' room='<room jid>' time='<seconds>' comment='…'/></iq>, no `to`
%%% (answered from the user's bare JID). A ban in one room is set by that room's owners, admins or
%%% moderators; a ban in all rooms by accounts the access rule named by option `access_all` allows
%%% (default: a rule named `admin`, which the kit's config does not define). Enforced by the server: a banned user's room messages bounce `forbidden`
%%% "You are banned in this room!", joins and MucSub subscriptions are refused, and a user in the
%%% room when banned there is kicked (the actor's XEP-0045 kick, with the comment). A ban with `time`
%%% expires by itself after that many seconds. Kept in SQL (table ethora_ban, created when missing).
-module(mod_ethora_ban).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_opt_type/1, mod_doc/0]).
-export([process_iq/1, muc_filter_message/3, muc_filter_presence/3, muc_process_iq/2, disco_features/5, decode_iq_subel/1]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("ejabberd_sql_pt.hrl").
-include("mod_muc_room.hrl").

-define(NS_BAN, <<"ns:deepx:muc:user:ban">>).
-define(ALL, <<"*">>).
-define(BANNED, <<"You are banned in this room!">>).
-define(MAX_TIME, 315360000). % ten years
-define(MAX_COMMENT, 1024).

%% gen_iq_handler decodes a handler's <query/> with this when exported: ours are not in p1_xmpp's
%% codec (it would answer "Unknown tag"), so the handler gets the element as it came.
decode_iq_subel(El) -> El.

start(Host, _Opts) ->
    sql(Host, [<<"create table if not exists ethora_ban (room text not null, jid text not null, "
                 "until_s bigint not null, comment text not null, actor text not null, primary key (room, jid))">>]),
    gen_iq_handler:add_iq_handler(ejabberd_sm, Host, ?NS_BAN, ?MODULE, process_iq),
    ejabberd_hooks:add(muc_filter_message, Host, ?MODULE, muc_filter_message, 30),
    ejabberd_hooks:add(muc_filter_presence, Host, ?MODULE, muc_filter_presence, 30),
    ejabberd_hooks:add(muc_process_iq, Host, ?MODULE, muc_process_iq, 30),
    ejabberd_hooks:add(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:add(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

stop(Host) ->
    gen_iq_handler:remove_iq_handler(ejabberd_sm, Host, ?NS_BAN),
    ejabberd_hooks:delete(muc_filter_message, Host, ?MODULE, muc_filter_message, 30),
    ejabberd_hooks:delete(muc_filter_presence, Host, ?MODULE, muc_filter_presence, 30),
    ejabberd_hooks:delete(muc_process_iq, Host, ?MODULE, muc_process_iq, 30),
    ejabberd_hooks:delete(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:delete(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [{mod_muc, hard}].
mod_opt_type(access_all) -> econf:acl().
mod_options(_Host) -> [{access_all, admin}].
mod_doc() -> #{desc => ["Ethora's ns:deepx:muc:user:ban: timed bans per room or in all rooms, enforced."]}.

disco_features({error, _} = Acc, _From, _To, _Node, _Lang) -> Acc;
disco_features(Acc, _From, _To, <<>>, _Lang) ->
    Old = case Acc of {result, F} -> F; _ -> [] end,
    {result, Old ++ ([?NS_BAN] -- Old)};
disco_features(Acc, _From, _To, _Node, _Lang) -> Acc.

sql(Host, Q) ->
    case ejabberd_sql:sql_query(Host, Q) of
        {error, _} = E -> ?ERROR_MSG("ethora_ban on ~ts: ~p", [Host, E]), E;
        R -> R
    end.

now_s() -> erlang:system_time(second).

%% Seconds left of an active ban of Jid (bare, binary) in Room or in all rooms: {banned, Until} | clear.
ban_of(SH, Room, Jid) ->
    Now = now_s(),
    case ejabberd_sql:sql_query(SH, ?SQL("select @(until_s)d from ethora_ban where jid=%(Jid)s"
                                         " and (room=%(Room)s or room='*')")) of
        {selected, Rows} ->
            case [U || {U} <- Rows, U == 0 orelse U > Now] of
                [] -> clear;
                Us -> {banned, case lists:member(0, Us) of true -> 0; false -> lists:max(Us) end}
            end;
        _ -> clear
    end.

%% ---- enforcement ----

banned(#state{server_host = SH, jid = RoomJID}, From) ->
    ban_of(SH, ethora_archive:bare(RoomJID), ethora_archive:bare(From)) /= clear.

muc_filter_message(#message{from = From} = Pkt, #state{} = St, _Nick) ->
    case banned(St, From) of
        true -> ethora_archive:error_reply(Pkt, xmpp:err_forbidden(?BANNED, xmpp:get_lang(Pkt))), drop;
        false -> Pkt
    end;
muc_filter_message(Acc, _St, _Nick) -> Acc.

muc_filter_presence(#presence{from = From, type = available} = Pkt, #state{} = St, _Nick) ->
    case banned(St, From) of
        true -> ethora_archive:error_reply(Pkt, xmpp:err_forbidden(?BANNED, xmpp:get_lang(Pkt))), drop;
        false -> Pkt
    end;
muc_filter_presence(Acc, _St, _Nick) -> Acc.

muc_process_iq(#iq{type = set, from = From, lang = Lang, sub_els = [#muc_subscribe{}]} = IQ, #state{} = St) ->
    case banned(St, From) of
        true -> xmpp:make_error(IQ, xmpp:err_forbidden(?BANNED, Lang));
        false -> IQ
    end;
muc_process_iq(IQ, _St) -> IQ.

%% ---- the IQ ----

process_iq(#iq{type = set, from = From, to = To, lang = Lang, sub_els = [#xmlel{} = El]} = IQ) ->
    case jid:remove_resource(jid:tolower(From)) == jid:remove_resource(jid:tolower(To)) of
        false -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"Ask your own account">>, Lang));
        true ->
            try act(IQ, El)
            catch Class:Reason:Stack ->
                    ?ERROR_MSG("ban IQ failed: ~p:~p ~p", [Class, Reason, Stack]),
                    xmpp:make_error(IQ, xmpp:err_internal_server_error())
            end
    end;
process_iq(#iq{lang = Lang} = IQ) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"ns:deepx:muc:user:ban is a set with one <query/>">>, Lang)).

act(#iq{from = From, to = #jid{lserver = SH}, lang = Lang} = IQ, El) ->
    A = fun(N) -> fxml:get_tag_attr_s(N, El) end,
    Bad = fun(Txt) -> xmpp:make_error(IQ, xmpp:err_bad_request(Txt, Lang)) end,
    case {A(<<"action">>), scope(A(<<"type">>), A(<<"room">>), SH)} of
        {_, error} -> Bad(<<"type must be room (with a room JID of this server) or all">>);
        {Action, {ok, Room, RoomState}} when Action == <<"ban">>; Action == <<"unban">>; Action == <<"get_list">> ->
            case may_ban(From, Room, RoomState, SH) of
                false -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"You may not ban here">>, Lang));
                true when Action == <<"get_list">> -> result(IQ, list_bans(SH, Room), [{<<"action">>, Action}]);
                true ->
                    case user(A(<<"user">>)) of
                        error -> Bad(<<"user must be a bare JID">>);
                        {ok, User} when Action == <<"unban">> ->
                            sql(SH, ?SQL("delete from ethora_ban where room=%(Room)s and jid=%(User)s")),
                            result(IQ, [], [{<<"action">>, Action}, {<<"user">>, User}]);
                        {ok, User} ->
                            Me = ethora_archive:bare(From),
                            case {time(A(<<"time">>)), A(<<"comment">>)} of
                                {error, _} -> Bad(<<"time must be a number of seconds (0 or none: for ever)">>);
                                {_, C} when byte_size(C) > ?MAX_COMMENT -> Bad(<<"comment too long">>);
                                _ when User == Me ->
                                    xmpp:make_error(IQ, xmpp:err_not_allowed(<<"You cannot ban yourself">>, Lang));
                                {{ok, Secs}, C} ->
                                    case protected(User, RoomState) of
                                        true -> xmpp:make_error(IQ, xmpp:err_not_allowed(<<"A room owner cannot be banned">>, Lang));
                                        false -> ban(IQ, SH, Room, User, Secs, C, From, RoomState)
                                    end
                            end
                    end
            end;
        _ -> Bad(<<"action must be ban, unban or get_list">>)
    end.

ban(IQ, SH, Room, User, Secs, Comment, From, RoomState) ->
    Until = case Secs of 0 -> 0; _ -> now_s() + Secs end,
    Actor = ethora_archive:bare(From),
    case ?SQL_UPSERT(SH, "ethora_ban", ["!room=%(Room)s", "!jid=%(User)s", "until_s=%(Until)d",
                                        "comment=%(Comment)s", "actor=%(Actor)s"]) of
        ok -> kick_present(From, RoomState, User, Comment),
              result(IQ, [], [{<<"action">>, <<"ban">>}, {<<"user">>, User},
                              {<<"expires">>, integer_to_binary(Until)}]);
        _ -> xmpp:make_error(IQ, xmpp:err_internal_server_error())
    end.

%% A user banned from a room they are in leaves it at once: the actor's own kick of each of
%% their nicks (XEP-0045 role none, with the ban's comment), which the room checks as any other.
kick_present(_From, all, _User, _Comment) -> ok;
kick_present(From, #state{jid = RoomJID, users = Users}, User, Comment) ->
    Nicks = lists:usort([Nick || #user{jid = J, nick = Nick} <- maps:values(Users), ethora_archive:bare(J) == User]),
    [ejabberd_router:route(#iq{type = set, from = From, to = RoomJID, id = <<"ethora-ban-", (p1_rand:get_string())/binary>>,
                               sub_els = [#muc_admin{items = [#muc_item{nick = N, role = none, reason = Comment}]}]})
     || N <- Nicks],
    ok.

%% {ok, RoomKey, RoomState | all} for the request's scope.
scope(<<"all">>, _, _) -> {ok, ?ALL, all};
scope(T, RoomBin, SH) when T == <<"room">>; T == <<>> ->
    case catch jid:decode(RoomBin) of
        #jid{luser = U, lserver = S, lresource = <<>>} = J when U /= <<>> ->
            case lists:member(S, gen_mod:get_module_opt_hosts(SH, mod_muc)) andalso mod_muc:find_online_room(U, S) of
                {ok, Pid} ->
                    case catch mod_muc_room:get_state(Pid) of
                        {ok, St} -> {ok, ethora_archive:bare(J), St};
                        _ -> error
                    end;
                _ -> error
            end;
        _ -> error
    end;
scope(_, _, _) -> error.

may_ban(From, ?ALL, all, SH) ->
    acl:match_rule(SH, mod_ethora_ban_opt_access_all(SH), From) == allow;
may_ban(From, _Room, #state{} = St, _SH) ->
    ethora_archive:is_moderator(From, St).

mod_ethora_ban_opt_access_all(SH) -> gen_mod:get_module_opt(SH, ?MODULE, access_all).

protected(_User, all) -> false;
protected(User, #state{} = St) ->
    mod_muc_room:get_affiliation(jid:decode(User), St) == owner.

user(Bin) ->
    case catch jid:decode(Bin) of
        #jid{luser = U, lresource = <<>>} = J when U /= <<>> -> {ok, ethora_archive:bare(J)};
        _ -> error
    end.

time(<<>>) -> {ok, 0};
time(<<"none">>) -> {ok, 0};
time(B) when byte_size(B) =< 12 ->
    case catch binary_to_integer(B) of
        N when is_integer(N), N >= 0, N =< ?MAX_TIME -> {ok, N};
        _ -> error
    end;
time(_) -> error.

list_bans(SH, Room) ->
    Now = now_s(),
    case ejabberd_sql:sql_query(SH, ?SQL("select @(jid)s, @(until_s)d, @(comment)s, @(actor)s from ethora_ban where room=%(Room)s")) of
        {selected, Rows} ->
            [#xmlel{name = <<"ban">>, attrs = [{<<"user">>, J}, {<<"expires">>, integer_to_binary(U)},
                                               {<<"comment">>, C}, {<<"by">>, By}]}
             || {J, U, C, By} <- lists:sort(Rows), U == 0 orelse U > Now];
        _ -> []
    end.

result(IQ, Items, Attrs) ->
    xmpp:make_iq_result(IQ, #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, ?NS_BAN}],
                                   children = [#xmlel{name = <<"result">>, attrs = [{<<"status">>, <<"success">>} | Attrs]} | Items]}).
