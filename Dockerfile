# jixiao's workbench as a container image (not built in this project's CI: see README).
# Debian's Python with the system libraries WeasyPrint needs (Pango, HarfBuzz subsetting) and
# LibreOffice for DOC/WPS files; the CJK font for PDFs comes with jixiao's dependencies.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core \
      libreoffice-writer-nogui libreoffice-calc-nogui postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
# OCR for scanned PDFs and images: build with --build-arg EXTRAS=ocr (about 200 MB more).
ARG EXTRAS=""
RUN pip install --no-cache-dir ".${EXTRAS:+[$EXTRAS]}" && rm -rf /src

RUN useradd --create-home --uid 1000 jixiao && mkdir -p /data && chown jixiao /data
USER jixiao
WORKDIR /home/jixiao
ENV JIXIAO_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
# The database is upgraded at start; create the first administrator with
#   docker compose exec jixiao jixiao user add 用户名 --role admin
CMD ["jixiao", "serve", "--host", "0.0.0.0", "--port", "8000"]
