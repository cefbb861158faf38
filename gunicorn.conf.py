"""gunicorn's settings file, read from the working directory by every `gunicorn` run here: the Docker image
(WORKDIR /app), `make prod-local` and the systemd unit. Only what the command lines do not say: the access log
line carries the request id (core.request_id returns it in X-Request-ID) and the time taken in milliseconds."""
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
