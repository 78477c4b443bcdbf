# syntax=docker/dockerfile:1
# MedZen Scribe: `medzen serve` on the embedded defaults (SQLite in /data). Build: docker build -t medzen .

# Build stage: the .NET SDK plus Node (the JSONata reference implementation is embedded from npm at build time).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev
COPY . .
RUN dotnet publish src/MedZen.Server -c Release -o /app --nologo

# Run stage: the ASP.NET Core runtime only, as an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home medzen
WORKDIR /data
COPY --from=build /app /app
USER medzen
ENV MEDZEN__DATA=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "/app/medzen.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
