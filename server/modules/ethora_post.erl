%%% Fire-and-forget HTTP POSTs for the push and stats modules: never on the caller's path (a
%%% spawned process), bounded in time (5 s a try) and retries (3 tries, 1 s and 2 s apart), and
%%% in number (at most 200 in flight per node; more are dropped and logged).
-module(ethora_post).

-export([post/4]).

-include("logger.hrl").

-define(MAX_IN_FLIGHT, 200).
-define(TRIES, 3).
-define(TIMEOUT, 5000).
-define(COUNTER, ethora_post_in_flight).

%% ContentType: "application/x-www-form-urlencoded" | "application/json"; Body: iodata.
post(<<>>, _ContentType, _Body, _Headers) -> ok;
post(Url, ContentType, Body, Headers) ->
    ensure_counter(),
    case ets:update_counter(?COUNTER, n, {2, 1}) of
        N when N > ?MAX_IN_FLIGHT ->
            ets:update_counter(?COUNTER, n, {2, -1}),
            ?WARNING_MSG("dropping a POST to ~ts: ~p already in flight", [Url, ?MAX_IN_FLIGHT]);
        _ ->
            spawn(fun() ->
                          try send(binary_to_list(Url), ContentType, iolist_to_binary(Body), Headers, 1)
                          after ets:update_counter(?COUNTER, n, {2, -1})
                          end
                  end),
            ok
    end.

ensure_counter() ->
    case ets:whereis(?COUNTER) of
        undefined ->
            %% owned by a process that lives as long as the node (the application controller's
            %% group leader would die with a spawned owner)
            Self = self(),
            Pid = spawn(fun() ->
                                catch ets:new(?COUNTER, [named_table, public, set]),
                                catch ets:insert_new(?COUNTER, {n, 0}),
                                Self ! ready,
                                receive stop -> ok end
                        end),
            receive ready -> ok after 1000 -> ok end,
            _ = Pid,
            ok;
        _ -> ok
    end.

send(Url, ContentType, Body, Headers, Try) ->
    Req = {Url, [{K, V} || {K, V} <- Headers], ContentType, Body},
    case httpc:request(post, Req, [{timeout, ?TIMEOUT}, {connect_timeout, ?TIMEOUT}], [{body_format, binary}]) of
        {ok, {{_, Code, _}, _, _}} when Code >= 200, Code < 300 -> ok;
        Other when Try < ?TRIES ->
            ?DEBUG("POST ~ts try ~p: ~p", [Url, Try, Other]),
            timer:sleep(1000 * Try),
            send(Url, ContentType, Body, Headers, Try + 1);
        Other ->
            ?WARNING_MSG("POST ~ts failed after ~p tries: ~p", [Url, Try, Other])
    end.
