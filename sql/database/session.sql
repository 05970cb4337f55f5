-- Run by every Phlogiston session when it connects (the pool's and each run's lock connection;
-- database.SessionSettings), so that the session of a client that died ends soon, and with it its transaction,
-- its table locks and its run locks:
-- * client_connection_check_interval (PostgreSQL 14 and later): while a statement runs, the server looks every 2 s
--   whether its client is still connected, and ends the session if not. Without it, a client killed in the middle
--   of a long statement keeps its locks until the statement ends.
-- * TCP keepalives: a client host that vanished without closing its connections (a crash, a network cut) is
--   noticed after 30 s of silence and 5 unanswered probes 5 s apart, within a minute. (Ignored on a Unix socket.)
DO $$
BEGIN
    PERFORM set_config('tcp_keepalives_idle', '30', false);
    PERFORM set_config('tcp_keepalives_interval', '5', false);
    PERFORM set_config('tcp_keepalives_count', '5', false);
    IF current_setting('server_version_num')::integer >= 140000 THEN
        PERFORM set_config('client_connection_check_interval', '2s', false);
    END IF;
END
$$
