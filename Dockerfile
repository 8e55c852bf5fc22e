# The GraphQL API over the England safeguarding landscape.
#   docker build -t safeguarding-landscape-graph .
#   docker run -p 127.0.0.1:8000:8000 safeguarding-landscape-graph      (memory store)
# docker-compose.yml runs it with --store neo4j beside a Neo4j 5 server.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# the project with its bundled snapshot and query files (.dockerignore leaves out the rest)
COPY . /tmp/src
RUN pip install /tmp/src \
    && rm -rf /tmp/src \
    && useradd --system --create-home --uid 10001 safeguarding

USER safeguarding
WORKDIR /home/safeguarding
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=4)"]

CMD ["safeguarding", "serve", "--host", "0.0.0.0", "--port", "8000"]
