%%% SQLite storage that keeps what it acknowledged, and fast: write-ahead log (kept in the
%%% database file) with synchronous=NORMAL on ejabberd's connection. A commit is in the WAL file
%%% before the query returns, so a killed node loses nothing it answered; only a machine crash may
%%% lose the last commits. With SQLite's defaults (rollback journal, synchronous=FULL) every write
%%% took ~6 ms of fsync on the kit's machines, through ejabberd's single SQLite connection.
%%% Does nothing on other SQL servers.
-module(mod_ethora_sqlite).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).

-include("logger.hrl").

start(Host, _Opts) ->
    case ejabberd_option:sql_type(Host) of
        sqlite ->
            lists:foreach(
              fun(Pragma) ->
                      case catch ejabberd_sql:sql_query(Host, [Pragma]) of
                          {selected, _, _} -> ok;
                          {updated, _} -> ok;
                          Other -> ?WARNING_MSG("SQLite ~ts on ~ts: ~p", [Pragma, Host, Other])
                      end
              end, [<<"pragma journal_mode=wal">>, <<"pragma synchronous=normal">>]);
        _ -> ok
    end,
    ok.

stop(_Host) -> ok.
reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_options(_Host) -> [].
mod_doc() -> #{desc => ["WAL and synchronous=NORMAL for ejabberd's SQLite connection."]}.
