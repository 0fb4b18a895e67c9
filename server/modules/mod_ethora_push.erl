%%% Push to offline devices (Ethora's mod_offline_post): a message for a user with no available
%%% session (a MucSub subscriber's room message included; chat states and messages without a body
%%% skipped) is POSTed as a form to `url` with `access_token` = `token`: jid (recipient), fullName
%%% (sender: <data fullName> or the nick), msgText, msgID (the room's archive id), MUCID (room),
%%% msgSubj, image, project. Asynchronous and bounded (ethora_post): delivery and offline storage
%%% never wait for it.
-module(mod_ethora_push).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_opt_type/1, mod_doc/0]).
-export([offline_message/1]).

-include("xmpp.hrl").
-include("logger.hrl").

start(Host, _Opts) ->
    {ok, _} = application:ensure_all_started(inets),
    ejabberd_hooks:add(offline_message_hook, Host, ?MODULE, offline_message, 40),
    ok.

stop(Host) ->
    ejabberd_hooks:delete(offline_message_hook, Host, ?MODULE, offline_message, 40),
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_opt_type(url) -> econf:binary();
mod_opt_type(token) -> econf:binary();
mod_opt_type(project) -> econf:binary().
mod_options(_Host) -> [{url, <<>>}, {token, <<>>}, {project, <<>>}].
mod_doc() -> #{desc => ["POSTs offline messages' metadata to a push service."]}.

offline_message({_Action, #message{to = To} = Msg} = Acc) ->
    try notify(To, Msg)
    catch Class:Reason:Stack -> ?ERROR_MSG("push of an offline message failed: ~p:~p ~p", [Class, Reason, Stack])
    end,
    Acc;
offline_message(Acc) -> Acc.

notify(#jid{lserver = Host} = To, Msg) ->
    case inner(Msg) of
        #message{body = Body} = M when Body /= [] ->
            #jid{} = From = M#message.from,
            Room = case M#message.type of groupchat -> jid:encode(jid:remove_resource(From)); _ -> <<>> end,
            Data = fxml:get_subtag(xmpp:encode(M), <<"data">>),
            Attr = fun(N) -> case Data of false -> <<>>; _ -> fxml:get_tag_attr_s(N, Data) end end,
            Name = first([Attr(<<"fullName">>), join(Attr(<<"senderFirstName">>), Attr(<<"senderLastName">>)),
                          From#jid.resource, From#jid.luser]),
            Id = case xmpp:get_subtag(M, #stanza_id{by = #jid{}}) of
                     #stanza_id{id = SId} -> SId;
                     _ -> M#message.id
                 end,
            Form = [{<<"access_token">>, opt(Host, token)}, {<<"jid">>, jid:encode(jid:remove_resource(To))},
                    {<<"fullName">>, Name}, {<<"msgSubj">>, xmpp:get_text(M#message.subject)},
                    {<<"msgText">>, xmpp:get_text(Body)}, {<<"msgID">>, Id}, {<<"MUCID">>, Room},
                    {<<"image">>, first([Attr(<<"photo">>), Attr(<<"photoURL">>)])}, {<<"project">>, opt(Host, project)}],
            ethora_post:post(opt(Host, url), "application/x-www-form-urlencoded", uri_string:compose_query(Form), []);
        _ -> ok
    end.

%% The room's message inside a MucSub event, or the message itself.
inner(Msg) ->
    case catch xmpp:get_subtag(Msg, #ps_event{}) of
        #ps_event{items = #ps_items{items = [#ps_item{sub_els = [#message{} = M]}]}} -> M;
        #ps_event{items = #ps_items{items = [#ps_item{sub_els = [#xmlel{} = El]}]}} ->
            case catch xmpp:decode(El) of #message{} = M -> M; _ -> none end;
        _ -> Msg
    end.

join(<<>>, <<>>) -> <<>>;
join(A, <<>>) -> A;
join(<<>>, B) -> B;
join(A, B) -> <<A/binary, " ", B/binary>>.

first([]) -> <<>>;
first([<<>> | T]) -> first(T);
first([H | _]) -> H.

opt(Host, Name) -> gen_mod:get_module_opt(Host, ?MODULE, Name).
