%%% Ethora's block (mod_user_block) on top of XEP-0191: <iq type='set'><query
%%% xmlns='ns:deepx:muc:user:block|ns:deepx:muc:user:unblock' user='<bare jid>'/></iq> and
%%% <iq type='get'><query xmlns='ns:deepx:muc:user:blocklist'/></iq> (no `to`) change and read the
%%% same list as XEP-0191's <block/>/<unblock/>/<blocklist/> (mod_blocking), so either dialect sees
%%% the other's blocks. Enforced for room messages too (Ethora's own module does not): a blocked
%%% user's groupchat messages, live, MucSub-wrapped or read back from a room's archive (MAM), are
%%% not delivered to the blocker's sessions.
%%% The sender is the real JID the room sent the message for, never a nick.
-module(mod_ethora_block).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([process_iq/1, user_receive_packet/1, disco_features/5, decode_iq_subel/1]).

-include("xmpp.hrl").
-include("logger.hrl").
-include("ejabberd_sql_pt.hrl").

-define(NS_BLOCK, <<"ns:deepx:muc:user:block">>).
-define(NS_UNBLOCK, <<"ns:deepx:muc:user:unblock">>).
-define(NS_LIST, <<"ns:deepx:muc:user:blocklist">>).

%% gen_iq_handler decodes a handler's <query/> with this when exported: ours are not in p1_xmpp's
%% codec (it would answer "Unknown tag"), so the handler gets the element as it came.
decode_iq_subel(El) -> El.

start(Host, _Opts) ->
    case ejabberd_sql:sql_query(Host, [<<"create table if not exists ethora_block (owner text not null, "
                                         "jid text not null, date_s bigint not null, primary key (owner, jid))">>]) of
        {updated, _} -> ok;
        Other -> ?ERROR_MSG("creating table ethora_block on ~ts: ~p", [Host, Other])
    end,
    [gen_iq_handler:add_iq_handler(ejabberd_sm, Host, NS, ?MODULE, process_iq) || NS <- [?NS_BLOCK, ?NS_UNBLOCK, ?NS_LIST]],
    ejabberd_hooks:add(user_receive_packet, Host, ?MODULE, user_receive_packet, 10),
    ejabberd_hooks:add(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:add(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

stop(Host) ->
    [gen_iq_handler:remove_iq_handler(ejabberd_sm, Host, NS) || NS <- [?NS_BLOCK, ?NS_UNBLOCK, ?NS_LIST]],
    ejabberd_hooks:delete(user_receive_packet, Host, ?MODULE, user_receive_packet, 10),
    ejabberd_hooks:delete(disco_sm_features, Host, ?MODULE, disco_features, 50),
    ejabberd_hooks:delete(disco_local_features, Host, ?MODULE, disco_features, 50),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [{mod_blocking, hard}, {mod_privacy, hard}].
mod_options(_Host) -> [].
mod_doc() -> #{desc => ["Ethora's ns:deepx:muc:user:block/unblock/blocklist over XEP-0191, enforced in rooms."]}.

disco_features({error, _} = Acc, _From, _To, _Node, _Lang) -> Acc;
disco_features(Acc, _From, _To, <<>>, _Lang) ->
    Old = case Acc of {result, F} -> F; _ -> [] end,
    {result, Old ++ ([?NS_BLOCK, ?NS_UNBLOCK, ?NS_LIST] -- Old)};
disco_features(Acc, _From, _To, _Node, _Lang) -> Acc.

%% ---- the IQs ----

process_iq(#iq{from = From, to = To, lang = Lang, sub_els = [#xmlel{} = El]} = IQ) ->
    case jid:remove_resource(jid:tolower(From)) == jid:remove_resource(jid:tolower(To)) of
        false -> xmpp:make_error(IQ, xmpp:err_forbidden(<<"Ask your own account">>, Lang));
        true ->
            try handle(IQ, fxml:get_tag_attr_s(<<"xmlns">>, El), El)
            catch Class:Reason:Stack ->
                    ?ERROR_MSG("block IQ failed: ~p:~p ~p", [Class, Reason, Stack]),
                    xmpp:make_error(IQ, xmpp:err_internal_server_error())
            end
    end;
process_iq(#iq{lang = Lang} = IQ) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"One <query/> expected">>, Lang)).

handle(#iq{type = set, from = From, lang = Lang} = IQ, NS, El) when NS == ?NS_BLOCK; NS == ?NS_UNBLOCK ->
    case catch jid:decode(fxml:get_tag_attr_s(<<"user">>, El)) of
        #jid{luser = U, lresource = <<>>} = J when U /= <<>> ->
            case jid:remove_resource(jid:tolower(J)) == jid:remove_resource(jid:tolower(From)) of
                true -> xmpp:make_error(IQ, xmpp:err_not_allowed(<<"You cannot block yourself">>, Lang));
                false ->
                    Item = #block_item{jid = jid:remove_resource(J)},
                    Sub = case NS of ?NS_BLOCK -> #block{items = [Item]}; _ -> #unblock{items = [Item]} end,
                    case mod_blocking:process_iq(IQ#iq{sub_els = [Sub]}) of
                        #iq{type = result} ->
                            remember(IQ, NS, J),
                            xmpp:make_iq_result(IQ, #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, NS}],
                                                           children = [#xmlel{name = <<"result">>, attrs = [{<<"status">>, <<"success">>}, {<<"user">>, jid:encode(jid:remove_resource(J))}]}]});
                        #iq{} = Err -> Err
                    end
            end;
        _ -> xmpp:make_error(IQ, xmpp:err_bad_request(<<"user must be a bare JID">>, Lang))
    end;
handle(#iq{type = get} = IQ, ?NS_LIST, _El) ->
    case mod_blocking:process_iq(IQ#iq{sub_els = [#block_list{}]}) of
        #iq{type = result} = Res ->
            #block_list{items = Items} = xmpp:get_subtag(Res, #block_list{}),
            Dates = dates(IQ),
            xmpp:make_iq_result(IQ, #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, ?NS_LIST}],
                                           children = [item(J, Dates) || #block_item{jid = J} <- Items]});
        #iq{} = Err -> Err
    end;
handle(#iq{lang = Lang} = IQ, _NS, _El) ->
    xmpp:make_error(IQ, xmpp:err_bad_request(<<"block and unblock are sets, blocklist a get">>, Lang)).

owner(#iq{from = From}) -> jid:encode(jid:remove_resource(jid:tolower(From))).

remember(#iq{to = #jid{lserver = SH}} = IQ, ?NS_BLOCK, J) ->
    Owner = owner(IQ), Jid = jid:encode(jid:remove_resource(jid:tolower(J))), Now = erlang:system_time(second),
    ?SQL_UPSERT(SH, "ethora_block", ["!owner=%(Owner)s", "!jid=%(Jid)s", "date_s=%(Now)d"]);
remember(#iq{to = #jid{lserver = SH}} = IQ, _Unblock, J) ->
    Owner = owner(IQ), Jid = jid:encode(jid:remove_resource(jid:tolower(J))),
    ejabberd_sql:sql_query(SH, ?SQL("delete from ethora_block where owner=%(Owner)s and jid=%(Jid)s")).

dates(#iq{to = #jid{lserver = SH}} = IQ) ->
    Owner = owner(IQ),
    case ejabberd_sql:sql_query(SH, ?SQL("select @(jid)s, @(date_s)d from ethora_block where owner=%(Owner)s")) of
        {selected, Rows} -> maps:from_list(Rows);
        _ -> #{}
    end.

item(J, Dates) ->
    Jid = jid:encode(J),
    Name = case catch mod_vcard:get_vcard(J#jid.luser, J#jid.lserver) of
               [#xmlel{} = V | _] -> fxml:get_path_s(V, [{elem, <<"FN">>}, cdata]);
               _ -> <<>>
           end,
    #xmlel{name = <<"item">>, attrs = [{<<"user">>, Jid}, {<<"date">>, integer_to_binary(maps:get(Jid, Dates, 0))},
                                       {<<"fullname">>, case Name of <<>> -> <<"none">>; _ -> Name end}]}.

%% ---- enforcement: room messages from a blocked user are not delivered ----

user_receive_packet({#message{type = groupchat} = Pkt, C2S} = Acc) ->
    check(Pkt, Pkt, C2S, Acc);
user_receive_packet({#message{} = Pkt, C2S} = Acc) ->
    %% MucSub: the room's message wrapped in a pubsub event
    case catch xmpp:get_subtag(Pkt, #ps_event{}) of
        #ps_event{items = #ps_items{items = [#ps_item{sub_els = [#message{type = groupchat} = Inner]}]}} ->
            check(Pkt, Inner, C2S, Acc);
        _ -> archived(Pkt, C2S, Acc)
    end;
user_receive_packet(Acc) -> Acc.

%% A MAM result from a room's archive: withheld when its author (the real JID the archive row was
%% stored with) is blocked. Only for users who block someone (mod_privacy's cached default list).
archived(#message{from = #jid{luser = RU, lserver = RS, lresource = <<>>} = Room} = Pkt,
         #{jid := #jid{luser = U, lserver = S}} = C2S, Acc) when RU /= <<>> ->
    case blocks_anyone(U, S) andalso lists:member(RS, gen_mod:get_module_opt_hosts(S, mod_muc))
        andalso mam_result_id(Pkt) of
        IdBin when is_binary(IdBin) ->
            case ethora_archive:parse_id(IdBin) of
                {ok, Id} ->
                    case catch ethora_archive:find(S, Room, Id) of
                        {ok, Author, _} ->
                            Probe = #message{type = groupchat, from = jid:decode(Author), to = jid:make(U, S)},
                            case catch mod_privacy:check_packet(allow, C2S, Probe, in) of
                                deny -> {drop, C2S};
                                _ -> Acc
                            end;
                        _ -> Acc
                    end;
                error -> Acc
            end;
        _ -> Acc
    end;
archived(_Pkt, _C2S, Acc) -> Acc.

%% The archive id of a MAM result (a record when mod_mam routed it, else XML), or false.
mam_result_id(#message{sub_els = Els}) ->
    Ids = [Id || #mam_result{id = Id} <- Els]
        ++ [fxml:get_tag_attr_s(<<"id">>, El) || #xmlel{name = <<"result">>} = El <- Els,
                                                 lists:member(fxml:get_tag_attr_s(<<"xmlns">>, El), [?NS_MAM_2, ?NS_MAM_1, ?NS_MAM_0])],
    case Ids of
        [Id | _] when is_binary(Id) -> Id;
        _ -> false
    end.

blocks_anyone(U, S) ->
    case catch mod_privacy:get_user_list(U, S, default) of
        {ok, {_, [_ | _]}} -> true;
        _ -> false
    end.

check(_Pkt, Inner, C2S, Acc) ->
    case xmpp:get_meta(Inner, muc_sender_real_jid, undefined) of
        #jid{} = Real ->
            case catch mod_privacy:check_packet(allow, C2S, Inner#message{from = jid:remove_resource(Real)}, in) of
                deny -> {drop, C2S};
                _ -> Acc
            end;
        _ -> Acc
    end.
