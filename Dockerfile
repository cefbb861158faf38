# Production image: gunicorn for the web, the same image for the Celery worker and beat.
# Build: docker compose build     (see docs/deploy.md)
FROM python:3.11-slim-bookworm

# Static files are built into the image under /app/var (not a volume, so an upgrade replaces them);
# uploaded evidence lives on the media volume that web and worker share.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PMQA_VAR_DIR=/app/var \
    MEDIA_ROOT=/data/media

# WeasyPrint's libraries (Pango, HarfBuzz subsetting), fontconfig, Thai fallback fonts, and
# poppler-utils (pdftotext/pdffonts). Not fonts-thai-tlwg or fonts-tlwg-laksaman: their fontconfig
# rule replaces "TH Sarabun*" with a scaled Laksaman that WeasyPrint draws unscaled.
# postgresql-client: pg_dump/pg_restore for `manage.py backup` and `restore` (bookworm's 15, as the db service).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-thai-tlwg-otf poppler-utils \
        postgresql-client \
 && rm -rf /var/lib/apt/lists/*

# The app runs unprivileged; a real home gives fontconfig a writable cache.
RUN groupadd --system --gid 1000 pmqa \
 && useradd --system --uid 1000 --gid pmqa --create-home --home-dir /home/pmqa --shell /usr/sbin/nologin pmqa

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Hashed, compressed static files for whitenoise (manifest storage is on when DEBUG is off).
# The SECRET_KEY here only satisfies the settings check; it is not kept in the image's environment.
# The media folder is created owned by pmqa so that a new named volume mounted there inherits that owner.
RUN DEBUG=false SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput \
 && mkdir -p /app/var/log /data/media \
 && chown -R pmqa:pmqa /app/var /data

USER pmqa
EXPOSE 8000

# docker-compose.yml sets each service's command; this default is the web server.
CMD ["gunicorn", "pmqa.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
