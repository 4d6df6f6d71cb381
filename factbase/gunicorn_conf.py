"""How `make serve` runs factbase in production: gunicorn with threaded workers.

Sync workers hold one request each, so two slow clients (a header line every few
seconds) stalled `gunicorn -w 2` for 30 s. gthread workers wait for a request's first
bytes in their poller, not in a thread, and run many requests per process; a slow
client holds one of `threads` threads while it trickles its headers. A buffering
proxy in front (nginx) takes even that away: README "Serving".

Every value can be changed from the environment (GUNICORN_CMD_ARGS, or the variables
below), and `--bind` is given on the command line by the Makefile.
"""

import os

wsgi_app = "factbase.wsgi:application"
worker_class = "gthread"
# Two cores here: one process per core; threads carry the waiting on the database and on
# clients (the GIL is released while a thread waits on a socket).
workers = int(os.environ.get("FACTBASE_WORKERS", "2"))
threads = int(os.environ.get("FACTBASE_THREADS", "64"))
# A request that runs longer than this (a worker that stops answering the arbiter) is
# killed and the client gets a bare 500 from gunicorn, not Django: rare by design, every
# request here is bounded far below it.
timeout = int(os.environ.get("FACTBASE_WORKER_TIMEOUT", "30"))
graceful_timeout = 30
# Idle kept-alive connections are closed after this; they cost a poller slot, not a thread.
keepalive = 5
# Connections a worker holds at once (waiting, kept alive or running).
worker_connections = 1000
# A request line over 8 KiB is answered 414 by gunicorn itself, before Django; headers are
# bounded the same way (100 fields of 8 KiB).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Restart a worker now and then so slow leaks cannot build up.
max_requests = 10000
max_requests_jitter = 1000
# gunicorn's own reading of X-Forwarded-Proto (wsgi.url_scheme) trusts the same proxies as
# factbase.web.client_ip; unset, gunicorn's default (loopback) stands.
if os.environ.get("FACTBASE_TRUSTED_PROXIES", "").strip():
    forwarded_allow_ips = os.environ["FACTBASE_TRUSTED_PROXIES"]
# Logs to stderr; the platform collects them.
accesslog = "-"
errorlog = "-"
